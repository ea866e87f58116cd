import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    // Formatting tests read times as a phone in India would (UTC+05:30, no daylight saving).
    env: { TZ: 'Asia/Kolkata' },
  },
});
