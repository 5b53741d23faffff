import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const SERVER = 'test/unit/server/**/*.test.ts';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    testTimeout: 30_000,
    setupFiles: ['test/support/i18n.ts'],
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: [SERVER] } },
      // The server suite runs twice: on the embedded database and on a real PostgreSQL.
      { extends: true, test: { name: 'server-pglite', include: [SERVER], env: { ATTENDING_TEST_DB: 'pglite' } } },
      {
        extends: true,
        test: {
          name: 'server-postgresql',
          include: [SERVER],
          exclude: ['test/unit/server/pglite.test.ts'],
          env: { ATTENDING_TEST_DB: 'postgresql' },
          globalSetup: ['test/support/postgres.ts'],
        },
      },
    ],
  },
});
