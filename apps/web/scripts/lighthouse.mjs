#!/usr/bin/env node
// Lighthouse (mobile) on the main screens of the built PWA, against the built API — a report, not
// a test gate. It builds nothing: run `pnpm turbo run build --filter=@healthsync/api
// --filter=@healthsync/web` first. It starts the API (fresh embedded database, demo data) and the
// static server on their own ports, like e2e/playwright.config.ts, and stops both at the end.
//
//   pnpm --filter @healthsync/web lighthouse        (or `pnpm lighthouse` at the root)
//
//   CHROME_PATH   the Chromium to drive            (default /usr/bin/chromium)
//   LH_WEB_PORT   / LH_API_PORT                    (default 3200 / 8200)
//   LH_JSON       write every full report to this directory as <screen>.json
//   LH_RUNS       page loads measured per screen; the median run is reported   (default 3)
//
// The sign-in screen is measured as a first visit (empty cache and storage). The other screens
// need a session: the script signs the doctor in through the sign-in form, lets the app do its
// first sync, then measures each screen as a returning user opens it (storage kept: service
// worker, IndexedDB and session in place): the page load, which shows the unlock screen because
// the data key lives only in memory, and — after unlocking — the screen itself as a snapshot.
// Each load is measured LH_RUNS times and the median run (Lighthouse's own choice, by FCP and
// TTI) is reported: one run's score swings by several points with whatever else the CPU is doing.

/* global fetch -- Node's */
/* global document, navigator -- inside the page (puppeteer evaluate) */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { startFlow } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import puppeteer from 'puppeteer-core';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const apiDir = path.resolve(webDir, '..', 'api');
const webPort = Number(process.env.LH_WEB_PORT ?? 3200);
const apiPort = Number(process.env.LH_API_PORT ?? 8200);
const origin = `http://127.0.0.1:${webPort}`;
const apiUrl = `http://127.0.0.1:${apiPort}`;
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ACCOUNT = { username: 'doctor', password: 'doctor-demo' };
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const RUNS = Math.max(1, Number(process.env.LH_RUNS ?? 3));

const children = [];
let chrome = null;
let dataDir = null;
let version = '?';

function start(name, args, cwd, env) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    if (!stopping)
      console.error(`${name} exited early (code ${code}, signal ${signal}):\n${stderr}`);
  });
  children.push({ name, child });
  return child;
}

async function waitFor(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  if (chrome) await Promise.resolve(chrome.kill()).catch(() => undefined);
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

async function json(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${response.status}`);
  return response.json();
}

/** The demo patient the patient screen is measured on. */
async function findPatientId() {
  const tokens = await json(`${apiUrl}/api/auth/token/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ACCOUNT),
  });
  const patients = await json(`${apiUrl}/api/patients/`, {
    headers: { Authorization: `Bearer ${tokens.access}` },
  });
  const list = Array.isArray(patients) ? patients : (patients.results ?? []);
  return (list.find((p) => p.name === 'Ramesh Patil') ?? list[0])?.id;
}

function scoresOf(name, lhr) {
  const score = (id) => {
    // A snapshot has no page load to score.
    if (id === 'performance' && lhr.gatherMode === 'snapshot') return '—';
    const value = lhr.categories[id]?.score;
    return value === null || value === undefined ? '—' : String(Math.round(value * 100));
  };
  const failing = (lhr.categories.accessibility?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
    .map((ref) => ref.id);
  return {
    screen: name,
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    LCP: lhr.audits['largest-contentful-paint']?.displayValue ?? '—',
    TBT: lhr.audits['total-blocking-time']?.displayValue ?? '—',
    CLS: lhr.audits['cumulative-layout-shift']?.displayValue ?? '—',
    ...(lhr.runtimeError ? { error: lhr.runtimeError.message } : {}),
    ...(failing.length ? { 'a11y failures': failing.join(' ') } : {}),
  };
}

/** Lighthouse's measure of this machine's CPU, per reported run: scores fall on a slower one. */
const benchmarkIndexes = [];

async function report(name, lhr) {
  version = lhr.lighthouseVersion;
  if (lhr.environment?.benchmarkIndex) benchmarkIndexes.push(lhr.environment.benchmarkIndex);
  for (const warning of lhr.runWarnings ?? []) console.log(`  warning: ${warning}`);
  if (process.env.LH_JSON) {
    await mkdir(process.env.LH_JSON, { recursive: true });
    await writeFile(path.join(process.env.LH_JSON, `${name}.json`), JSON.stringify(lhr));
  }
  return scoresOf(name, lhr);
}

/** A first visit: nothing cached, storage empty (Lighthouse resets them before each run). */
async function auditFirstVisit(name, url) {
  process.stdout.write(`Lighthouse: ${name} (${url}) … `);
  const started = Date.now();
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
      formFactor: 'mobile',
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    runs.push(result.lhr);
  }
  console.log(`${Math.round((Date.now() - started) / 1000)} s`);
  return report(name, computeMedianRun(runs));
}

async function signInThroughForm(page) {
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await page.waitForSelector('form input[name="username"]');
  await page.type('form input[name="username"]', ACCOUNT.username);
  await page.type('form input[name="password"]', ACCOUNT.password);
  await page.click('form button[type="submit"]');
  await waitUntilSyncedAndControlled(page);
}

async function waitUntilSyncedAndControlled(page) {
  await page.waitForFunction(
    () => {
      const pending = document.querySelector('[data-testid="pending-count"]');
      const last = document.querySelector('[data-testid="last-sync"]');
      return pending?.getAttribute('data-count') === '0' && /Synced/.test(last?.textContent ?? '');
    },
    { timeout: 60_000 },
  );
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, {
    timeout: 30_000,
  });
}

/**
 * A returning user opening a screen: the page load (which shows the unlock screen — the data key
 * lives only in memory, so every full load asks for the password) is measured as a navigation,
 * LH_RUNS times; after the last, the script unlocks and the screen itself is audited as a snapshot
 * (accessibility and best practices of what the clinician works with).
 */
async function auditScreen(page, name, url) {
  process.stdout.write(`Lighthouse: ${name} (${url}) … `);
  const started = Date.now();
  const loads = [];
  let unlocked = null;
  for (let run = 0; run < RUNS; run++) {
    const flow = await startFlow(page, {
      flags: { onlyCategories: CATEGORIES, formFactor: 'mobile', disableStorageReset: true },
    });
    await flow.navigate(url, { name: `${name} (load)` });
    await page.waitForSelector('[data-testid="unlock-screen"] input[name="secret"]');
    await page.type('[data-testid="unlock-screen"] input[name="secret"]', ACCOUNT.password);
    await page.click('[data-testid="unlock-screen"] button[type="submit"]');
    await page.waitForSelector('[data-testid="pending-count"][data-client="open"]');
    await page.waitForSelector('main h1');
    if (run === RUNS - 1) {
      await flow.snapshot({
        name: `${name} (unlocked)`,
        flags: { onlyCategories: ['accessibility', 'best-practices'] },
      });
    }
    const { steps } = await flow.createFlowResult();
    loads.push(steps[0].lhr);
    unlocked = steps[1]?.lhr ?? unlocked;
  }
  console.log(`${Math.round((Date.now() - started) / 1000)} s`);
  return [
    await report(`${name} (load)`, computeMedianRun(loads)),
    await report(`${name} (unlocked)`, unlocked),
  ];
}

async function main() {
  for (const file of [
    path.join(apiDir, 'dist', 'server.js'),
    path.join(webDir, 'out', 'index.html'),
  ]) {
    if (!existsSync(file)) {
      throw new Error(
        `${file} is missing: build first (pnpm turbo run build --filter=@healthsync/api --filter=@healthsync/web)`,
      );
    }
  }
  if (!existsSync(chromePath)) throw new Error(`No Chromium at ${chromePath} (set CHROME_PATH)`);

  dataDir = await mkdtemp(path.join(tmpdir(), 'healthsync-lighthouse-'));
  start('API', ['dist/server.js'], apiDir, {
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: '1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  });
  start('web server', ['scripts/serve.mjs'], webDir, {
    PORT: String(webPort),
    HOST: '127.0.0.1',
    API_URL: apiUrl,
  });
  await waitFor(`${apiUrl}/readyz`, 60_000);
  await waitFor(`${origin}/`, 30_000);

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  const rows = [];
  rows.push(await auditFirstVisit('sign-in (first visit)', `${origin}/`));

  const patientId = await findPatientId();
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const page = await browser.newPage();
  await signInThroughForm(page);

  const screens = [
    ['home', '/'],
    ['patients', '/patients'],
    ['patient page', `/patients/view?id=${patientId}`],
    ['appointments', '/appointments'],
    ['medicines', '/medicines'],
  ];
  for (const [name, route] of screens)
    rows.push(...(await auditScreen(page, name, `${origin}${route}`)));
  await page.close();
  await browser.disconnect();

  const sorted = benchmarkIndexes.toSorted((a, b) => a - b);
  const benchmark = Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
  console.log(
    `\nLighthouse ${version}, mobile (simulated slow 4G, 4× CPU slowdown), median of ${RUNS} runs, ${chromePath}, benchmark index ${benchmark}`,
  );
  console.table(rows);
}

process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));

try {
  await main();
  await stopAll();
} catch (error) {
  console.error(`Lighthouse run failed: ${error instanceof Error ? error.stack : String(error)}`);
  await stopAll();
  process.exitCode = 1;
}
