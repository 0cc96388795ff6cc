import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The published tarball, installed where nothing of the repo is in reach.
const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'completions-mock-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm pack', () => {
  it('installs in an empty folder and works from there', () => {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' });
    const tarball = join(scratch, out.trim().split('\n').at(-1)!);
    const app = join(scratch, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--silent', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: 'pipe' });
    writeFileSync(
      join(app, 'check.mjs'),
      `import { existsSync } from 'node:fs';
       import { createMock } from 'completions-mock';
       import { startServer } from 'completions-mock/node';
       const mock = createMock({ seed: 1 });
       const res = await mock.fetch(new Request('http://x/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }) }));
       const body = await res.json();
       // resolve() does not look for the file: that it exists is checked too.
       const mswNodeUrl = import.meta.resolve('completions-mock/msw/node');
       const mswNode = mswNodeUrl.endsWith('/dist/lib/msw-node.js') && existsSync(new URL(mswNodeUrl));
       console.log(JSON.stringify({ status: res.status, object: body.object, server: typeof startServer, mswNode }));`,
    );
    const result = JSON.parse(execFileSync('node', ['check.mjs'], { cwd: app, encoding: 'utf8' }));
    expect(result).toEqual({ status: 200, object: 'chat.completion', server: 'function', mswNode: true });
    const help = execFileSync(join(app, 'node_modules/.bin/completions-mock'), ['--help'], { encoding: 'utf8' });
    expect(help).toMatch(/--port/);
  }, 180_000);
});
