/** Runs the one-off scripts in this folder (not part of the test suite): see each script's header. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['scripts/*.run.ts'],
    testTimeout: 300_000,
    pool: 'forks',
  },
});
