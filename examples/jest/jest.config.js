// Run with: node --experimental-vm-modules node_modules/jest/bin/jest.js
// new OpenAI() needs a key; a fake one also keeps a real key out of the tests.
process.env.OPENAI_API_KEY = 'sk-test';
delete process.env.OPENAI_BASE_URL;

export default {
  testEnvironment: 'node',
  transform: {}, // native ES modules, no Babel
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
};
