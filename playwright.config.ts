import { defineConfig } from '@playwright/test';

/** E2E: real screens in Chromium against browser mode (`node out/main/host.js`); build first. */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1360, height: 860 },
    actionTimeout: 10_000,
    trace: 'off',
  },
});
