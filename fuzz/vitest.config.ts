import { defineConfig } from 'vitest/config';

/** `npm run fuzz`: long, so outside `npm test`. */
export default defineConfig({
  test: {
    include: ['fuzz/**/*.fuzz.ts'],
    testTimeout: 30 * 60_000,
    pool: 'forks',
  },
});
