import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeKey } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'completions-mock.js');

/** The CLI as a user runs it: a child process with its stdout, stderr and exit. */
interface Cli {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the base URL from the ready line (rejects if the CLI exits first). */
  ready: Promise<string>;
}

const running: Cli[] = [];

function cli(args: string[]): Cli {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (data: string) => (out += data));
  child.stderr.setEncoding('utf8').on('data', (data: string) => (err += data));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', check);
    void exited.then(({ code }) => reject(new Error(`exited (${code}) before listening: ${err}`)));
  });
  ready.catch(() => {});
  const handle = { child, stdout: () => out, stderr: () => err, exited, ready };
  running.push(handle);
  return handle;
}

/** Sends SIGTERM and waits for the exit, so everything the CLI printed has been read. */
async function stop(run: Cli) {
  run.child.kill('SIGTERM');
  return run.exited;
}

const lines = (text: string) => text.split('\n').filter(Boolean);
const chat = (url: string, body: object, key = 'test') =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], ...body }),
  });

let dir: string;
beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) first');
  dir = await mkdtemp(join(tmpdir(), 'completions-mock-cli-'));
});
afterEach(() => {
  for (const run of running.splice(0)) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('completions-mock serve', () => {
  it('prints one ready line with the real port, then serves', async () => {
    const run = cli(['--port', '0']);
    const url = await run.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    const res = await fetch(`${url}/v1/models`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).object).toBe('list');
    const { code } = await stop(run);
    expect(code).toBe(0);
    expect(lines(run.stdout()).filter((line) => line.includes('listening on'))).toHaveLength(1);
  });

  it('answers in another process exactly what the mock answers in this one (same --seed)', async () => {
    const run = cli(['--port', '0', '--quiet', '--seed', '77']);
    const url = await run.ready;
    const body = { messages: [{ role: 'user', content: 'Same everywhere?' }], n: 2, logprobs: true };
    const overHttp = (await (await chat(url, body)).json()) as { choices: unknown[]; usage: unknown };
    const { createMock } = await import('../src/index.js');
    const inProcess = await (
      await createMock({ seed: 77 }).fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', ...body }) }))
    ).json();
    expect(overHttp.choices).toEqual(inProcess.choices);
    expect(overHttp.usage).toEqual(inProcess.usage);
    await stop(run);
  });

  it('exits 1 with one stderr line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = cli(['serve', '--port', String(port)]);
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(lines(run.stderr())).toEqual([`error: port ${port} on 127.0.0.1 is already in use (try --port 0)`]);
    } finally {
      blocker.close();
    }
  });

  it.each([
    [['--port', 'abc'], /--port.*'abc'/],
    [['--port', '70000'], /--port.*'70000'/],
    [['--seed', 'x1'], /--seed.*'x1'/],
    [['--mode', 'sometimes'], /--mode.*'sometimes'/],
    [['--mode', 'replay'], /^error: mode 'replay' needs a fixtures folder \(--fixtures/],
    [['--mode', 'record', '--fixtures', 'fx'], /^error: mode 'record' needs the upstream's base URL \(--upstream/],
    [['--fixtures', '/nonexistent/typo'], /^error: the fixtures folder \/nonexistent\/typo does not exist/],
    [['--upstream', 'http://127.0.0.1:9/v1'], /^error: upstream \(--upstream\) is used only with mode record or replay-or-record, and the mode is generate/],
  ])('rejects %j with exit 1 and one stderr line', async (args, message) => {
    const run = cli(args);
    const { code } = await run.exited;
    expect(code).toBe(1);
    const err = lines(run.stderr());
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(run.stdout()).toBe('');
  });

  it('--api-key: other keys get 401', async () => {
    const run = cli(['--port', '0', '--api-key', 'k1', '--quiet']);
    const url = await run.ready;
    expect((await chat(url, {}, 'k2')).status).toBe(401);
    expect((await chat(url, {}, 'k1')).status).toBe(200);
  });

  it('logs one line per request, without header values', async () => {
    const run = cli(['--port', '0', '--scenario', await scenarioFile('named.yaml', 'rules:\n  - name: greet\n    reply: { content: hi }\n')]);
    const url = await run.ready;
    expect((await chat(url, {}, ['sk', 'secret-value-123456789'].join('-'))).status).toBe(200);
    await stop(run);
    const [ready, ...requests] = lines(run.stdout());
    expect(ready).toContain('listening on');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^POST \/v1\/chat\/completions gpt-4o stream=false 200 \d+ms rule=greet$/);
    expect(run.stdout() + run.stderr()).not.toContain('sk-secret');
  });

  it('logs whether a request streamed, and why an answer is a 4xx', async () => {
    const run = cli(['--port', '0', '--api-key', 'sk-good']);
    const url = await run.ready;
    await (await chat(url, { stream: true }, 'sk-good')).text();
    expect((await chat(url, { max_tokens: -1 }, 'sk-good')).status).toBe(400);
    expect((await chat(url, {}, fakeKey('wrong-key-000000'))).status).toBe(401);
    const speech = await fetch(`${url}/v1/audio/speech`, { method: 'POST', headers: { authorization: 'Bearer sk-good' }, body: '{}' });
    expect(speech.status).toBe(404);
    await stop(run);
    const [, ...requests] = lines(run.stdout());
    expect(requests).toEqual([
      expect.stringMatching(/^POST \/v1\/chat\/completions gpt-4o stream=true 200 \d+ms$/),
      expect.stringMatching(/^POST \/v1\/chat\/completions gpt-4o stream=false 400 \d+ms invalid max_tokens \(integer_below_min_value\)$/),
      expect.stringMatching(/^POST \/v1\/chat\/completions gpt-4o stream=false 401 \d+ms bad key$/),
      expect.stringMatching(
        /^POST \/v1\/audio\/speech stream=false 404 \d+ms completions-mock does not mock POST \/v1\/audio\/speech; it serves POST \/chat\/completions, POST \/responses, .+, GET \/models, GET \/models\/\{id\}$/,
      ),
    ]);
    expect(run.stdout()).not.toContain('sk-wrong');
  });

  it('says "unknown command" for a mistyped command, and exits 1', async () => {
    const run = cli(['frobnicate']);
    expect((await run.exited).code).toBe(1);
    expect(lines(run.stderr())).toEqual([expect.stringMatching(/^error: unknown command 'frobnicate'/)]);
    expect(run.stdout()).toBe('');
  });

  it('--quiet prints no request lines', async () => {
    const run = cli(['--port', '0', '--quiet']);
    const url = await run.ready;
    expect((await chat(url, {})).status).toBe(200);
    await stop(run);
    expect(lines(run.stdout())).toHaveLength(1);
  });

  it('exits 1 listing the problems of a bad --scenario', async () => {
    const bad = await scenarioFile('bad-serve.yaml', 'rules: 5\n');
    const run = cli(['--port', '0', '--scenario', bad]);
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(lines(run.stderr())).toEqual([expect.stringMatching(/bad-serve\.yaml:\d+:\d+: /)]);
  });

  it('reloads an edited scenario; a broken edit keeps the last good rules and prints the problem', async () => {
    const file = await scenarioFile('live.yaml', 'rules:\n  - reply: { content: "first version" }\n');
    const run = cli(['--port', '0', '--quiet', '--scenario', file]);
    const url = await run.ready;
    const content = async () => ((await (await chat(url, {})).json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content;
    /** Waits (bounded) for the file watcher, which has no event of its own to await from here. */
    const eventually = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await check()).toBe(true);
    };
    expect(await content()).toBe('first version');
    await writeFile(file, 'rules:\n  - reply: { content: "second version" }\n');
    await eventually(async () => (await content()) === 'second version');
    await writeFile(file, 'rules:\n  - reply: { contnet: "broken" }\n');
    await eventually(async () => run.stderr().includes("unknown key 'contnet'"));
    expect(run.stderr()).toMatch(
      new RegExp(`${file.replace(/[.]/g, '\\.')}:2:14: unknown key 'contnet' in rules\\[0\\]\\.reply \\(did you mean 'content'\\?\\)`),
    );
    expect(await content()).toBe('second version');
    await stop(run);
  });

  it('--no-latency answers a slow scenario at once', async () => {
    const slow = await scenarioFile('very-slow.yaml', 'rules:\n  - reply:\n      latency: { firstTokenMs: 60000 }\n');
    const run = cli(['--port', '0', '--quiet', '--no-latency', '--scenario', slow]);
    const res = await chat(await run.ready, {});
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-rule')).toBe('very-slow #1');
    await stop(run);
  });

  it('on SIGTERM finishes an in-flight stream, then exits 0', async () => {
    const slow = await scenarioFile(
      'slow.yaml',
      'rules:\n  - reply:\n      content: "one two three four five six seven eight"\n      latency: { firstTokenMs: 100, tokensPerSecond: 50 }\n',
    );
    const run = cli(['--port', '0', '--quiet', '--scenario', slow]);
    const url = await run.ready;
    const res = await chat(url, { stream: true });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    run.child.kill('SIGTERM');
    for (let part = await reader.read(); !part.done; part = await reader.read()) text += decoder.decode(part.value);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(text).toContain('"finish_reason":"stop"');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });
});

describe('a second signal', () => {
  it('exits at once (130), without waiting for a hanging response', async () => {
    const hang = await scenarioFile('hang.yaml', 'rules:\n  - reply: { hang: true }\n');
    const run = cli(['--port', '0', '--scenario', hang]);
    const url = await run.ready;
    const pending = chat(url, {}).catch(() => 'connection closed');
    // Wait until the server holds the request, then ask it to stop twice.
    while (!(await fetch(`${url}/__mock/requests`).then((r) => r.json())).length) await new Promise((r) => setImmediate(r));
    run.child.kill('SIGINT');
    while (!run.stderr().includes('SIGINT: finishing')) await new Promise((r) => setImmediate(r));
    run.child.kill('SIGINT');
    // Without the second signal it would exit 0 after the 10 s grace.
    expect(await run.exited).toEqual({ code: 130, signal: null });
    expect(await pending).toBe('connection closed');
  });
});

async function scenarioFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('completions-mock validate', () => {
  it('exits 0 and counts valid scenarios', async () => {
    const good = await scenarioFile('good.yaml', 'name: good\nrules:\n  - match: { model: "gpt-4o*" }\n    reply: { content: hi }\n');
    const json = await scenarioFile('good.json', JSON.stringify({ rules: [{ error: { status: 429 } }] }));
    const run = cli(['validate', good, json]);
    expect((await run.exited).code).toBe(0);
    expect(run.stdout()).toBe('ok: 2 scenario(s)\n');
  });

  it('exits 1 with file:line:col: message per problem', async () => {
    const bad = await scenarioFile('bad.yaml', 'rules: 5\n');
    const broken = await scenarioFile('broken.yaml', 'rules: [unclosed\n');
    const run = cli(['validate', bad, broken]);
    expect((await run.exited).code).toBe(1);
    const problems = lines(run.stderr());
    expect(problems).toHaveLength(2);
    for (const line of problems) expect(line).toMatch(/^\S+\.yaml:\d+:\d+: \S/);
  });
});

describe('the request log line', () => {
  it('names the rule, or the fixture replayed or recorded, and never a header', async () => {
    const { formatRecord } = await import('../src/cli/request-log.js');
    const base = { method: 'POST', path: '/v1/chat/completions', model: 'gpt-4o', status: 200, durationMs: 3.4, outcome: 'sent' as const };
    expect(formatRecord({ ...base, rule: 'greet' }, false)).toBe('POST /v1/chat/completions gpt-4o 200 3ms rule=greet');
    expect(formatRecord({ ...base, fixture: { outcome: 'replayed', name: 'hi-0a1b.json' } }, false)).toBe(
      'POST /v1/chat/completions gpt-4o 200 3ms replayed=hi-0a1b.json',
    );
    expect(formatRecord({ ...base, status: 404, fixture: { outcome: 'missed' } }, false)).toBe('POST /v1/chat/completions gpt-4o 404 3ms missed');
  });
});
