import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Makes the smoke test's TLS certificate and has the test processes trust it.
    globalSetup: ['./test/global-setup.ts'],
    hookTimeout: 600_000,
    testTimeout: 600_000,
  },
});
