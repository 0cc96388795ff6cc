import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium as playwright, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { chromium, missing } from './external-tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The page's files, bundled once in memory: app.js and the chunks it loads on demand. */
async function bundle(): Promise<Map<string, Uint8Array>> {
  const result = await build({
    entryPoints: [join(root, 'examples', 'browser', 'app.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    outdir: '/',
    write: false,
    logLevel: 'error',
  });
  const files = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  files.set('/', new TextEncoder().encode('<!doctype html><title>loading</title><script type="module" src="/app.js"></script>'));
  // msw's worker script, as `npx msw init` would copy it into a site.
  files.set('/mockServiceWorker.js', await readFile(join(root, 'node_modules', 'msw', 'lib', 'mockServiceWorker.js')));
  return files;
}

function serve(files: Map<string, Uint8Array>): Promise<Server> {
  const types: Record<string, string> = { js: 'text/javascript', '/': 'text/html' };
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '/');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[req.url === '/' ? '/' : 'js']! }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!chromium && missing('/usr/bin/chromium'))('in headless Chromium: msw setupWorker with the mock handlers', () => {
  let site: Server;
  let browser: BrowserContext;
  let userDataDir: string;

  beforeAll(async () => {
    const [files, dir] = await Promise.all([bundle(), mkdtemp(join(tmpdir(), 'completions-mock-chromium-'))]);
    userDataDir = dir;
    site = await serve(files);
    browser = await playwright.launchPersistentContext(userDataDir, {
      executablePath: chromium,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    site?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('drives the openai SDK: a completion, a stream, a scripted 429 retried; the tokenizer loads only when needed', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => document.title === 'ready');
    const beforeFirstCall = [...requested];
    const result = await page.evaluate(() => (window as unknown as { checks(): Promise<any> }).checks());

    const inNode = await (
      await createMock({ seed: 1 }).fetch('http://x/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello from the browser' }] }),
      })
    ).json();
    expect(result.content).toBe(inNode.choices[0].message.content);
    expect(result.usage).toEqual(inNode.usage);
    expect(result.streamed).toBe(result.content);
    expect(result.streamedUsage).toEqual(result.usage);
    expect(result.retried).toBe('ok now');
    expect(result.statuses).toEqual([200, 200, 429, 200]);
    // The tokenizer's chunks (megabytes: its table's two parts, see rank-table.ts) are fetched by the first completion, not by the page load.
    expect(beforeFirstCall.filter((path) => path.includes('o200k_base'))).toEqual([]);
    expect(requested.filter((path) => path.includes('o200k_base'))).toHaveLength(2);
    await page.close();
  });
});
