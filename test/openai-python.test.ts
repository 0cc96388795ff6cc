import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingOpenaiPython, openaiPython } from './external-tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// openai-python's own parsing, streaming, retries and base64 decoding against the CLI server (test/openai-python/*.py).
describe.skipIf(!openaiPython && missingOpenaiPython())('openai-python over HTTP', () => {
  it('passes its chat completions, Responses API and embeddings tests', async () => {
    const run = spawn(openaiPython!, ['-m', 'pytest', 'test/openai-python', '-q', '-p', 'no:cacheprovider'], {
      cwd: root,
      env: { ...process.env, COMPLETIONS_MOCK: `${process.execPath} ${join(root, 'bin', 'completions-mock.js')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    run.stdout.setEncoding('utf8').on('data', (data: string) => (out += data));
    run.stderr.setEncoding('utf8').on('data', (data: string) => (out += data));
    const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
    expect(out).toMatch(/\b14 passed\b/);
    expect(code, out).toBe(0);
  }, 60_000);
});
