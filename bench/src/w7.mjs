// W7 (issue 17): the deployment at scale. Its own database: F facilities (100 by default), each
// with a health worker, a doctor and P patients (5,000) with their appointments and Observations,
// loaded by pg-load's loader facility after facility. At 1, F/5 and F facilities loaded, facility
// 0's user measures a first sync, an incremental pull after 500 server-side edits and a 5-patient
// upload. Then concurrent uploaders, each a different facility's user posting 20 new patients per
// request, 1 / 4 / 16 / 64 of them, against one API instance and against two (two processes on
// the same database): changes/s, p50/p99, and the time backends spent waiting on a lock, sampled
// from pg_stat_activity, as a share of the summed upload time.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { generateDataset, demoId } from './dataset.mjs';
import { BENCH_DB, recreateDatabase, dropDatabase, dbUrl, loadDataset } from './pg-load.mjs';
import { startApi, freePort, signIn } from './procs.mjs';
import { oursFirstSync, openOurs, ourSync } from './clients.mjs';
import { serverEdits } from './w2.mjs';
import { summary, fmtSummary, fmtMs, median, percentile } from './stats.mjs';

export const W7_DB = `${BENCH_DB}_w7`;
export const WRITER_COUNTS = [1, 4, 16, 64];
const PATIENTS_PER_UPLOAD = 20;
const SMALL_UPLOAD = 5;
const PULL_EDITS = 500;
const LOCK_SAMPLE_MS = 20;

/**
 * Facilities × patients per facility: `--w7-size=10x500` or `BENCH_W7_SIZE=10x500`, else the
 * issue's 100 × 5,000 shrunk by `--scale` (0.1 gives 10 × 500).
 */
export function w7Size({ size = process.env.BENCH_W7_SIZE, scale = 1 } = {}) {
  if (size) {
    const m = /^(\d+)x(\d+)$/.exec(String(size));
    if (!m) throw new Error(`W7 size "${size}": expected FACILITIESxPATIENTS, e.g. 10x500`);
    return { facilities: Number(m[1]), patients: Number(m[2]) };
  }
  return {
    facilities: Math.max(1, Math.round(100 * scale)),
    patients: Math.max(1, Math.round(5000 * scale)),
  };
}

/** The facility counts the reads are measured at: 1, a fifth, all (1, 20, 100 at full size). */
export const readMilestones = (facilities) => [
  ...new Set([1, Math.max(1, Math.round(facilities / 5)), facilities]),
];

function benchFacility(i) {
  return {
    facility: demoId(`w7-facility-${i}`),
    user: demoId(`w7-user-${i}`),
    doctor: demoId(`w7-doctor-${i}`),
    username: `w7-worker-${i}`,
  };
}

/** Facilities, their health workers (the demo worker's password) and a doctor each. */
async function createFacilities(sql, facilities) {
  const col = (k) => facilities.map((f) => f[k]);
  const {
    rows: [worker],
  } = await sql.query(`SELECT password_hash FROM app_user WHERE username = 'worker'`);
  await sql.query(
    `INSERT INTO facility (id, name, district)
     SELECT id, 'W7 facility ' || (n - 1), 'Bench' FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [col('facility')],
  );
  await sql.query(
    `INSERT INTO app_user (id, username, password_hash, role, display_name, facility_id)
     SELECT u, name, $3, 'health_worker', name, f FROM unnest($1::uuid[], $2::uuid[], $4::text[]) AS t(u, f, name)`,
    [col('user'), col('facility'), worker.password_hash, col('username')],
  );
  await sql.query(
    `INSERT INTO doctor (id, name, facility_id)
     SELECT d, 'Dr. ' || name, f FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(d, f, name)`,
    [col('doctor'), col('facility'), col('username')],
  );
}

/** Facility i's rows (a seed of its own); the directory (pharmacies, medicines, stock) once, with facility 0. */
function facilityDataset(i, f, patients) {
  const ds = generateDataset({ seed: 1000 + i, scale: patients / 20_000 });
  const directory = i === 0;
  return {
    patients: ds.patients.map((p) => ({ ...p, facility_id: f.facility, owner: f.user })),
    appointments: ds.appointments.map((a) => ({
      ...a,
      facility_id: f.facility,
      doctor_id: f.doctor,
    })),
    observations: ds.observations.map((o) => ({ ...o, facility_id: f.facility })),
    pharmacies: directory ? ds.pharmacies : [],
    medicines: directory ? ds.medicines : [],
    inventory: directory ? ds.inventory : [],
  };
}

/** One POST /api/sync/upload/ creating n new patients; every change must come back `created`. */
export async function uploadNewPatients(api, access, device, n) {
  const changes = Array.from({ length: n }, (_, i) => {
    const id = randomUUID();
    return {
      operation: 'create',
      resource_type: 'Patient',
      client_change_id: randomUUID(),
      payload: {
        id,
        name: `W7 Patient ${id.slice(0, 8)}`,
        dob: '1990-01-01',
        gender: i % 2 ? 'female' : 'male',
        phone_number: `+91-98${String(i).padStart(8, '0')}`,
        address: 'Ward 3, near the bus stand, Sangli, Maharashtra 416416',
      },
    };
  });
  const body = JSON.stringify({ device_id: device, batch_id: randomUUID(), changes });
  const t = performance.now();
  const res = await fetch(`${api}/api/sync/upload/`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${access}`,
      'content-type': 'application/json',
      'x-device-id': device,
    },
    body,
  });
  const receipt = await res.json();
  const ms = performance.now() - t;
  const created = res.ok ? receipt.results.filter((r) => r.status === 'created').length : 0;
  if (created !== n)
    throw new Error(`W7 upload ${res.status}: ${JSON.stringify(receipt).slice(0, 300)}`);
  return { ms, created };
}

/**
 * Integrates, every ~20 ms, how many of the database's backends wait on a heavyweight lock
 * (pg_stat_activity.wait_event_type = 'Lock': row, transaction id, relation, advisory): the
 * result is backend-milliseconds spent waiting, comparable with the summed upload latencies.
 */
async function startLockSampler(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let running = true;
  let waitedMs = 0;
  let samples = 0;
  const loop = (async () => {
    let last = performance.now();
    while (running) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      const now = performance.now();
      waitedMs += rows[0].n * (now - last);
      last = now;
      samples += 1;
      await new Promise((r) => setTimeout(r, LOCK_SAMPLE_MS));
    }
  })();
  return async function stop() {
    running = false;
    await loop;
    await client.end();
    return { waitedMs, samples };
  };
}

/** `clients` facilities' users upload 20 new patients at a time for `seconds`, spread over `apis`. */
async function runWriters({ apis, users, clients, seconds, url }) {
  const latencies = [];
  let changes = 0;
  const stopSampler = await startLockSampler(url);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    users.slice(0, clients).map(async (u, k) => {
      const api = apis[k % apis.length];
      while (performance.now() < deadline) {
        const r = await uploadNewPatients(api, u.access, `bench-w7-${k}`, PATIENTS_PER_UPLOAD);
        latencies.push(r.ms);
        changes += r.created;
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  const locks = await stopSampler();
  const uploadMs = latencies.reduce((a, b) => a + b, 0);
  return {
    clients,
    instances: apis.length,
    uploads: latencies.length,
    changes,
    elapsedMs,
    changesPerSecond: (changes / elapsedMs) * 1000,
    p50: median(latencies),
    p99: percentile(latencies, 99),
    lockWaitMs: locks.waitedMs,
    lockSamples: locks.samples,
    uploadMs,
    lockWaitShare: locks.waitedMs / uploadMs,
    loadAverage: os.loadavg()[0],
  };
}

/** Facility 0's first sync, incremental pull after server-side edits, and small upload. */
async function measureReads({ api, user, sql, facility, rounds, page, edits, log }) {
  const tokens = { access: user.access, refresh: user.refresh };
  const first = [];
  for (let r = 0; r < rounds; r++) {
    const run = await oursFirstSync(api, tokens, { pageSize: page });
    first.push(run.ms);
    log(`    first sync ${r + 1}: ${fmtMs(run.ms)} (${run.patients} patients)`);
  }
  const ours = await openOurs(api, tokens, { pageSize: page, deviceId: 'bench-w7-reader' });
  await ourSync(ours);
  const pull = [];
  for (let r = 0; r < rounds; r++) {
    await serverEdits(sql, edits, 'W7', facility);
    pull.push((await ourSync(ours)).ms);
  }
  await ours.client.close();
  const upload = [];
  for (let r = 0; r < Math.max(rounds, 5); r++)
    upload.push((await uploadNewPatients(api, user.access, 'bench-w7-reader', SMALL_UPLOAD)).ms);
  const out = {
    firstSync: summary(first),
    pull: summary(pull),
    upload: summary(upload),
    loadAverage: os.loadavg()[0],
  };
  log(
    `    pull after ${edits} edits ${fmtSummary(out.pull)}; upload of ${SMALL_UPLOAD} ${fmtSummary(out.upload)}`,
  );
  return out;
}

/** The workload; `database` (dropped at the end unless `keepDb`) and `seconds` per writer run for the test. */
export async function runW7({
  scale,
  size,
  rounds,
  page,
  seconds,
  log,
  keepDb = false,
  database = W7_DB,
}) {
  const { facilities: F, patients: P } = w7Size({ size, scale });
  const writerSeconds =
    seconds ?? Number(process.env.BENCH_W7_SECONDS ?? (F >= 100 && P >= 5000 ? 15 : 4));
  const url = dbUrl(database);
  const all = Array.from({ length: Math.max(F, ...WRITER_COUNTS) }, (_, i) => benchFacility(i));
  log(`  W7: ${F} facilities × ${P} patients, writers for ${writerSeconds} s each`);
  await recreateDatabase(database);
  const stops = [];
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const ports = [await freePort(), await freePort()];
    const apis = ports.map((p) => `http://127.0.0.1:${p}`);
    const first = await startApi({ databaseUrl: url, port: ports[0] });
    stops.push(first.stop);
    // The second instance (idle until the two-instance writers) starts while the data loads.
    const second = startApi({ databaseUrl: url, port: ports[1] }).then((api) => {
      stops.push(api.stop);
      return api;
    });
    await createFacilities(sql, all);
    await Promise.all(
      all.slice(0, Math.max(...WRITER_COUNTS)).map(async (f) => {
        const t = await signIn(apis[0], f.username, 'worker-demo');
        Object.assign(f, { access: t.access, refresh: t.refresh });
      }),
    );
    log(`  W7: ${all.length} facilities and users created, signed in`);

    const load = [];
    const reads = {};
    let loaded = 0;
    for (const milestone of readMilestones(F)) {
      const t = performance.now();
      for (; loaded < milestone; loaded++) {
        await loadDataset(url, facilityDataset(loaded, all[loaded], P), { analyze: false });
        if ((loaded + 1) % 10 === 0) log(`    loaded ${loaded + 1} facilities`);
      }
      await sql.query('VACUUM (ANALYZE)'); // as autovacuum would have by the time of a real pull
      load.push({ facilities: milestone, ms: performance.now() - t });
      log(
        `  W7 reads with ${milestone} facilities loaded (${fmtMs(performance.now() - t)} to load)`,
      );
      reads[milestone] = await measureReads({
        api: apis[0],
        user: all[0],
        sql,
        facility: all[0].facility,
        rounds,
        page,
        edits: Math.min(PULL_EDITS, P),
        log,
      });
    }

    const writers = { 1: {}, 2: {} };
    for (const instances of [1, 2]) {
      if (instances === 2) await second;
      for (const clients of WRITER_COUNTS) {
        const w = await runWriters({
          apis: apis.slice(0, instances),
          users: all,
          clients,
          seconds: writerSeconds,
          url,
        });
        writers[instances][clients] = w;
        log(
          `  W7 writers: ${clients} facilities, ${instances} instance(s): ${w.changesPerSecond.toFixed(0)} changes/s, p50 ${fmtMs(w.p50)}, p99 ${fmtMs(w.p99)}, lock waits ${(w.lockWaitShare * 100).toFixed(1)} %`,
        );
      }
    }
    const result = { facilities: F, patientsPerFacility: P, writerSeconds, load, reads, writers };
    return { result, rows: rowsOfW7(result) };
  } finally {
    await sql.end().catch(() => {});
    await Promise.all(stops.map((s) => s().catch(() => {})));
    if (!keepDb) await dropDatabase(database).catch(() => {});
  }
}

const READS = [
  ['firstSync', 'first sync'],
  ['pull', `pull after ${PULL_EDITS} changes`],
  ['upload', `upload of ${SMALL_UPLOAD} new patients`],
];

/** The bench table's rows of W7. */
export function rowsOfW7(r) {
  const rows = [];
  const milestones = Object.keys(r.reads).map(Number);
  const base = r.reads[milestones[0]];
  for (const [key, what] of READS)
    for (const m of milestones)
      rows.push([
        `W7 ${what}, facility 0`,
        `${m} facilities (${(m * r.patientsPerFacility).toLocaleString('en')} patients)`,
        `${fmtSummary(r.reads[m][key])}; load average ${r.reads[m].loadAverage.toFixed(1)}`,
        m === milestones[0]
          ? 'baseline'
          : `${(r.reads[m][key].median / base[key].median).toFixed(2)}× the 1-facility figure`,
      ]);
  for (const [instances, byClients] of Object.entries(r.writers))
    for (const w of Object.values(byClients))
      rows.push([
        `W7 writers, ${instances} API instance${instances === '1' ? '' : 's'}`,
        `${w.clients} facilit${w.clients === 1 ? 'y' : 'ies'} × 1 client, ${PATIENTS_PER_UPLOAD} patients per upload`,
        `${w.changesPerSecond.toFixed(0)} changes/s, p50 ${fmtMs(w.p50)}, p99 ${fmtMs(w.p99)} (${w.uploads} uploads in ${fmtMs(w.elapsedMs)}); load average ${w.loadAverage.toFixed(1)}`,
        `lock waits ${(w.lockWaitShare * 100).toFixed(1)} % of upload time`,
      ]);
  return rows;
}
