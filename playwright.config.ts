// End-to-end tests: the browser edition in Chromium (Debian's, or Playwright's own elsewhere) and the desktop app through Electron.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** GLOSS_CHROMIUM overrides; else Debian's Chromium where installed; else Playwright's own browser. */
const chromium = process.env.GLOSS_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // One retry in CI: a test that passes only on its retry is reported as flaky (and named in the
  // session note to be fixed), rather than failing a submission on a loaded machine. Never locally.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
  projects: [
    {
      name: 'browser',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        launchOptions: {
          executablePath: chromium,
          // Chromium's background services try to reach the network; this machine has none.
          args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
