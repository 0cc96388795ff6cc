import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './external-tools.js';
import { fakeKey } from './helpers.js';

// The package as users import it (by name: the bundles package.json's exports name), in a
// process of its own. A fixtures folder is loaded by a path the bundle computes at run time.
const CHILD = `import { createServer } from 'node:http';
import { createMock } from 'completions-mock';
import { chatCompletionHandlers } from 'completions-mock/msw';
import { setupServer } from 'msw/node';
const [dir, key] = process.argv.slice(2);
const answer = { id: 'chatcmpl-up', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'from upstream', refusal: null }, logprobs: null, finish_reason: 'stop' }], usage: { prompt_tokens: 8, completion_tokens: 2, total_tokens: 10 } };
const upstream = createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(answer)); });
await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));
const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
const content = async (res) => [res.status, (await res.json()).choices[0].message.content];
const recorder = createMock({ mode: 'record', fixtures: dir, upstream: 'http://127.0.0.1:' + upstream.address().port + '/v1' });
const recorded = await content(await recorder.fetch('http://mock.test/v1/chat/completions', { method: 'POST', headers: { authorization: 'Bearer ' + key }, body }));
upstream.close();
const replayed = await content(await createMock({ fixtures: dir }).fetch('http://mock.test/v1/chat/completions', { method: 'POST', body }));
// The msw entry's handlers serve a mock made by the main entry: one module state for both.
const mock = createMock({ scenarios: [{ rules: [{ match: { lastMessage: { contains: 'msw' } }, reply: { content: 'through msw' } }] }] });
const server = setupServer(...chatCompletionHandlers(mock));
server.listen({ onUnhandledRequest: 'error' });
const viaMsw = await content(await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'via msw' }] }) }));
server.close();
// A fixtures folder's store is loaded by a path the bundle computes; completions-mock/node's is the same module (one copy, one state).
const { folderStore } = await import('completions-mock/node');
const loaded = await import(new URL('../record/folder-store.js', import.meta.resolve('completions-mock')).href);
// The package's name reaches the bundle (what this test is about), not tsc's modules.
const bundle = import.meta.resolve('completions-mock').endsWith('/dist/lib/index.js');
console.log(JSON.stringify({ bundle, recorded, replayed, viaMsw, journal: mock.requests.length, oneFolderStore: loaded.folderStore === folderStore }));
`;

describe('the package entry points (the bundles in dist/lib)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'completions-mock-entry-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('record and replay a fixtures folder (one folder store module for both ways in), and serve a mock through the msw entry', async () => {
    // Inside the repo, so that `completions-mock` resolves to this package by its own name.
    const script = join(root, 'test', `.package-entry-${process.pid}.mjs`);
    await writeFile(script, CHILD);
    try {
      const fixtures = join(dir, 'fixtures');
      const key = fakeKey('live-0123456789abcdef');
      const { stdout } = await promisify(execFile)(process.execPath, [script, fixtures, key], { cwd: root });
      expect(JSON.parse(stdout)).toEqual({
        bundle: true,
        recorded: [200, 'from upstream'],
        replayed: [200, 'from upstream'],
        viaMsw: [200, 'through msw'],
        journal: 1,
        oneFolderStore: true,
      });
      const files = await readdir(fixtures);
      expect(files).toHaveLength(1);
      const fixture = await readFile(join(fixtures, files[0]!), 'utf8');
      expect(fixture).toContain('from upstream');
      expect(fixture).not.toContain(key);
      expect(fixture).not.toContain('0123456789abcdef');
    } finally {
      await rm(script, { force: true });
    }
  });
});
