/**
 * Playwright runs the real `reckot serve` (the debug binary cargo built) with the release SPA,
 * on a free port, against a fresh SQLite database in a temporary folder. Emails are written by
 * the development mailer into E2E_MAIL_DIR, where the specs read verification and invitation
 * links. Before serving, a platform administrator is created (E2E_ADMIN_EMAIL /
 * E2E_ADMIN_PASSWORD, read by the specs). The payment gateways are the local stubs
 * (PAYMENT_STUBS=1: CamPay, pawaPay and Flutterwave approve by themselves and call the webhook),
 * sales are available at once and every refund waits for an administrator.
 * Browser: Debian chromium (no Playwright-downloaded browsers on these machines).
 *
 * Run through `just e2e` (it builds what is stale). Overrides:
 *   RECKOT_BIN     the server binary (default $CARGO_TARGET_DIR/debug/reckot or ../target/debug/reckot)
 *   CHROMIUM_PATH  the browser (default /usr/bin/chromium)
 *   E2E_PORT       the port (default: a free one)
 *   E2E_KEEP=1     keep the temporary folder (database, mails) after the run
 */
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');

// This file is evaluated again in every worker process. Values chosen here are stored in
// process.env, which the workers inherit, so that all of them agree on one server.
function once(name: string, make: () => string): string {
  if (!process.env[name]) process.env[name] = make();
  return process.env[name] as string;
}

function freePort(): string {
  // Synchronous on purpose (the config cannot await): ask a child node process for port 0.
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script]).toString().trim();
}

const port = once('E2E_PORT', freePort);
const workDir = once('E2E_WORK_DIR', () => fs.mkdtempSync(path.join(os.tmpdir(), 'reckot-e2e-')));
const mailDir = once('E2E_MAIL_DIR', () => path.join(workDir, 'mail'));
fs.mkdirSync(mailDir, { recursive: true });
// Screenshots of the previous run go away once per run (not once per worker).
once('E2E_SCREENSHOTS_RESET', () => {
  fs.rmSync(path.join(__dirname, 'screenshots'), { recursive: true, force: true });
  return '1';
});

const targetDir = process.env.CARGO_TARGET_DIR
  ? path.resolve(repoRoot, process.env.CARGO_TARGET_DIR)
  : path.join(repoRoot, 'target');
const reckotBin = process.env.RECKOT_BIN || path.join(targetDir, 'debug', 'reckot');
const baseURL = `http://127.0.0.1:${port}`;
// The platform administrator created before the server starts (see webServer.command).
const adminEmail = once('E2E_ADMIN_EMAIL', () => `admin.${Date.now().toString(36)}@example.com`);
const adminPassword = once('E2E_ADMIN_PASSWORD', () => 'Admin-e2e-password-42');

// From docs: Debian chromium as root, on a machine with no outside network.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// The server's environment (added to the inherited one). It runs in the temporary folder, so a
// developer's .env in the repository is not read; REDIS_URL stays unset unless exported, so rate
// limits are in-process.
const serverEnv: Record<string, string> = {
  APP_ENV: 'development',
  BIND_ADDR: `127.0.0.1:${port}`,
  BASE_URL: baseURL,
  DATABASE_URL: `sqlite://${path.join(workDir, 'reckot.sqlite')}?mode=rwc`,
  JWT_SECRET: 'e2e-only-secret-e2e-only-secret-e2e-only-secret',
  MAIL_DIR: mailDir,
  STORAGE_DIR: path.join(workDir, 'uploads'),
  SPA_DIR: path.join(repoRoot, 'frontend', 'dist'),
  RUN_WORKER: 'true',
  // Money after the sale (finance.spec.ts): local gateway stubs that approve by themselves,
  // sales available at once, every refund reviewed by a platform administrator.
  PAYMENT_STUBS: '1',
  FUNDS_AVAILABLE_AFTER_HOURS: '0',
  REFUND_AUTO_APPROVE: 'none',
  LOG_FORMAT: 'pretty',
  RUST_LOG: process.env.RUST_LOG ?? 'info',
};

export default defineConfig({
  testDir: './tests',
  globalTeardown: './global-teardown.ts',
  outputDir: './test-results',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    locale: 'en-US',
    screenshot: 'on',
    // Fail a missing label in seconds, not at the 2-minute test timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // Migrate the fresh database, create the platform administrator, then serve. `exec` so
    // Playwright stops the server itself.
    command:
      `"${reckotBin}" migrate && ` +
      `"${reckotBin}" create-admin --email '${adminEmail}' --password '${adminPassword}' --name 'Platform Admin' && ` +
      `exec "${reckotBin}" serve`,
    cwd: workDir,
    env: serverEnv,
    url: `${baseURL}/health/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
