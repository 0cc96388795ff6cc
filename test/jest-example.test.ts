import { join } from 'node:path';
import { expect, it } from 'vitest';
import { root, runCollected } from './external-tools.js';

it('the README jest setup (native ESM) passes: a module-level client answered by the mock', async () => {
  // As the README's package.json script runs it: NODE_OPTIONS=--experimental-vm-modules jest
  const { done } = runCollected(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', 'examples/jest/jest.config.js', '--ci'], {
    ...process.env,
    NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning',
  });
  const { code, out } = await done;
  expect(out).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(code).toBe(0);
});
