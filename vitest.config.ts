import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'server/**/*.test.ts', 'eslint/**/*.test.ts'],
    testTimeout: 120_000,
    allowOnly: false,
  },
});
