import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['./test/setup.ts'],
    // new OpenAI() needs a key; a fake one also keeps a real key out of the tests.
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: '' },
  },
});
