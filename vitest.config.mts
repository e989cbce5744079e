import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/helpers/setup.ts'],
    // better-sqlite3 is a native addon: forks isolate it more simply than worker threads.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
