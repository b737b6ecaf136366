import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // builds dist/ when src/ is newer: the CLI tests run the compiled CLI
    globalSetup: ['scripts/build-if-stale.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
