// Jest runs ES modules only with NODE_OPTIONS=--experimental-vm-modules (see the package.json script).
// new OpenAI() needs a key; a fake one also keeps a real key out of the tests.
process.env.OPENAI_API_KEY = 'sk-test';
delete process.env.OPENAI_BASE_URL;

export default {
  testEnvironment: 'node',
  transform: {}, // native ES modules, no Babel
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
};
