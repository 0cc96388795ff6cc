import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingOpenaiPython, openaiPython, root, runCollected } from './external-tools.js';

// openai-python's own parsing, streaming, retries and base64 decoding against the CLI server (test/openai-python/*.py).
describe.skipIf(!openaiPython() && missingOpenaiPython())('openai-python over HTTP', () => {
  it('passes its chat completions, Responses API and embeddings tests', async () => {
    const { done } = runCollected(openaiPython()!, ['-m', 'pytest', 'test/openai-python', '-q', '-p', 'no:cacheprovider'], {
      ...process.env,
      COMPLETIONS_MOCK: `${process.execPath} ${join(root, 'bin', 'completions-mock.js')}`,
    });
    const { code, out } = await done;
    expect(out).toMatch(/\b14 passed\b/);
    expect(code, out).toBe(0);
  }, 60_000);
});
