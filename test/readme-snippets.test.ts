import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The examples the suite runs, each shown whole in the README. */
const SHOWN = [
  'examples/vitest/test/setup.ts',
  'examples/vitest/vitest.config.ts',
  'examples/vitest/src/assistant.ts',
  'examples/vitest/test/weather.test.ts',
  'examples/jest/jest.config.js',
  'examples/jest/test/setup.js',
  'examples/browser/mocks.ts',
  'examples/pytest/conftest.py',
  'examples/pytest/test_chat.py',
];

it.each(SHOWN)('the README shows %s exactly as the suite runs it', (file) => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```\w*\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  expect(blocks).toContain(readFileSync(join(root, file), 'utf8'));
});
