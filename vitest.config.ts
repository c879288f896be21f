import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start servers on free ports; two cores do not gain from more forks.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
