import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Store and process tests use real files and child processes: keep them bounded but unhurried.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Log lines and library warnings from passing tests are noise; a failing test shows its own.
    silent: 'passed-only',
    setupFiles: ['tests/setup/quiet-logs.ts'],
    // A PostgreSQL server shared by the run, started only if a test asks (freshPostgresUrl).
    globalSetup: ['tests/setup/postgres.ts'],
  },
});
