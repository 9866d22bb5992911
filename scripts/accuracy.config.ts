/** Runs the scan-set generation of `npm run accuracy` (scripts/accuracy.mjs starts it; not part of the test suite). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['scripts/accuracy-scans.run.ts'],
    testTimeout: 3_600_000,
    pool: 'forks',
  },
});
