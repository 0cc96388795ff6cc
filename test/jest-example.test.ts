import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

it('the README jest setup (native ESM) passes: a module-level client answered by the mock', async () => {
  // As the README's package.json script runs it: NODE_OPTIONS=--experimental-vm-modules jest
  const run = spawn(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', 'examples/jest/jest.config.js', '--ci'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  run.stdout.setEncoding('utf8').on('data', (data: string) => (out += data));
  run.stderr.setEncoding('utf8').on('data', (data: string) => (out += data));
  const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
  expect(out).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(code).toBe(0);
});
