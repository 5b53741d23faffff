import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the built extension (.output/chrome-mv3) in a real
 * Chromium, against the real task server on loopback with a real (embedded)
 * database. `npm run build` must have run; `npm test` does it first.
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One browser at a time: the machines this runs on have two cores.
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
