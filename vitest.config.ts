import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Store and process tests use real files and child processes: keep them bounded but unhurried.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
