import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{packages,patterns,lab}/*/test/**/*.test.ts'],
    // Suites start real servers and talk to real databases: give them room on a shared 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
