import { defineConfig, devices } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const isCI = Boolean(process.env.CI);
const webPort = Number(process.env.E2E_WEB_PORT ?? 3100);
const apiPort = Number(process.env.E2E_API_PORT ?? 8100);
const baseURL = `http://127.0.0.1:${webPort}`;
const apiURL = `http://127.0.0.1:${apiPort}`;
// The API runs on a fresh embedded database each run, seeded with the demo accounts.
const dataDir = fileURLToPath(new URL('./.data/api', import.meta.url));

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  workers: isCI ? 2 : undefined,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL,
    serviceWorkers: 'allow',
    // Video needs an ffmpeg download that is unavailable here.
    video: 'off',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's chromium, never `playwright install` (its download is blocked).
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  // Serves the already built API (apps/api/dist) and app (apps/web/out); this config builds neither.
  webServer: [
    {
      command: `rm -rf '${dataDir}' && node ../apps/api/dist/server.js`,
      url: `${apiURL}/readyz`,
      env: {
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO: '1',
        LOG_LEVEL: 'warn',
        CORS_ORIGINS: baseURL,
      },
      reuseExistingServer: false,
      // A fresh embedded database (initdb + migrations) on a busy 2-core machine.
      timeout: 180_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    {
      // The PWA's server (Fastify: static export with its CSP, API proxy), as deployed.
      command: 'node ../apps/web/scripts/serve.mjs',
      url: `${baseURL}/`,
      env: {
        PORT: String(webPort),
        HOST: '127.0.0.1',
        API_URL: apiURL,
      },
      reuseExistingServer: !isCI,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
