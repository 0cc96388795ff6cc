import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'completions-mock.js');

/** Alive and not a zombie (an orphan's exit is reaped by init, which a container may lack). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (bounded) for a process to end; the server checks its parent every 200 ms. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return !alive(pid);
}

const servers: number[] = [];
// A failing test must not leave its server behind.
afterEach(() => {
  for (const pid of servers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/**
 * A wrapper between the test and the server, as `npx` is between pytest and
 * it: the wrapper prints the server's pid, and the server shares the test's stdin.
 */
function throughWrapper(flag: string) {
  const script = `const c = require('node:child_process').spawn(process.execPath, ${JSON.stringify([bin, 'serve', '--port', '0', '--quiet', flag])}, { stdio: ['inherit', 'inherit', 'ignore'] }); console.log('pid ' + c.pid);`;
  const wrapper = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const server = new Promise<{ pid: number; url: string }>((resolve) => {
    wrapper.stdout.setEncoding('utf8').on('data', (data: string) => {
      out += data;
      const pid = /pid (\d+)/.exec(out)?.[1];
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (pid && url) {
        servers.push(Number(pid));
        resolve({ pid: Number(pid), url });
      }
    });
  });
  return { wrapper, server };
}

describe('serve, owned by whoever started it', () => {
  it('--exit-with-parent: killing the wrapper outright takes the server with it', async () => {
    const { wrapper, server } = throughWrapper('--exit-with-parent');
    const { pid, url } = await server;
    expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
    wrapper.kill('SIGKILL');
    expect(await gone(pid)).toBe(true);
  });

  it('--exit-with-parent: a stream in flight when the parent dies is finished before the server exits', async () => {
    const { wrapper, server } = throughWrapper('--exit-with-parent');
    const { pid, url } = await server;
    // 30 tokens at 20 a second: the stream outlasts several of the 200 ms parent checks.
    const rule = { reply: { content: Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '), latency: { tokensPerSecond: 20 } } };
    await fetch(`${url}/__mock/scenario`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [rule] }) });
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'slow' }] }),
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    wrapper.kill('SIGKILL');
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(await gone(pid)).toBe(true);
  });

  it('--exit-on-stdin-close: the server outlives a killed wrapper only until the harness closes its stdin', async () => {
    const { wrapper, server } = throughWrapper('--exit-on-stdin-close');
    const { pid, url } = await server;
    wrapper.kill('SIGKILL');
    // The wrapper is gone; the test still holds the stdin pipe, so the server still answers.
    expect((await fetch(`${url}/__mock/health`)).status).toBe(200);
    wrapper.stdin.end();
    expect(await gone(pid)).toBe(true);
  });
});
