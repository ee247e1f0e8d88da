/**
 * Browser tests of the console: Debian's Chromium (no browser download), against the real server
 * (`npm start`'s own command: build the console if needed, then serve) on a fresh embedded
 * database with the demo data. Each test saves a screenshot of its last page to e2e-results/.
 */
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'switchboard-e2e-'));

export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['./e2e/summary-reporter.ts']],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    screenshot: 'off',
  },
  webServer: {
    command: 'node --import tsx ../src/main/cli.ts serve',
    cwd: '.',
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'on', LOG_LEVEL: 'warn',
      PUBLIC_URL: BASE_URL,
      // The tests sign in as many demo users, quickly: the sign-in limits are for attackers.
      SIGNIN_PER_EMAIL_PER_MINUTE: '0', SIGNIN_PER_ADDRESS_PER_MINUTE: '0', RATE_LIMIT_PER_TOKEN_PER_MINUTE: '0',
      RATE_LIMIT_PER_ORG_PER_MINUTE: '0', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
      // The webhook test's receiver listens on 127.0.0.1: tests only, production refuses private addresses.
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    },
  },
});
