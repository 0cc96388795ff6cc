import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './external-tools.js';

const HEAVY = ['ajv', 're2js', 'json-schema-faker', '@faker-js/faker'] as const;
const TABLES = ['o200k_base', 'cl100k_base'] as const;

// A loader hook that writes every module URL to a file as it loads (synchronously, so the file is complete when an import resolves).
const HOOKS = `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`;

// Runs in a fresh process: after each step, the heavy packages loaded so far (ESM through the hook, CommonJS in require.cache).
const CHILD = `import fs, { readFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
// In Node a table's ASCII part is read from its binary file (see rank-file.ts): the files read are logged too.
const read = [];
const readFile = fs.readFileSync;
fs.readFileSync = (path, ...rest) => (read.push(String(path)), readFile(path, ...rest));
const [hooks, log, entry] = process.argv.slice(2);
register(hooks, { data: { log } });
const HEAVY = ${JSON.stringify(HEAVY)};
const TABLES = ${JSON.stringify(TABLES)};
// A table's ASCII part is a binary file (read) or an ES module (in the hook's log), its other part CommonJS (in require's cache).
const files = () => [...readFileSync(log, 'utf8').split('\\n'), ...Object.keys(createRequire(import.meta.url).cache), ...read];
const tables = () => {
  const seen = files();
  const parts = TABLES.flatMap((name) => [[name, ['/generated/' + name + '.bin', '/generated/' + name + '.js']], [name + '.more', ['/generated/' + name + '.more.cjs']]]);
  return parts.filter(([, paths]) => seen.some((f) => paths.some((path) => f.endsWith(path)))).map(([name]) => name);
};
const loaded = () => {
  // Ajv's one-function runtime helper (ucs2length), which the build-time validators call, is not Ajv.
  const heavy = files().filter((file) => !file.includes('/node_modules/ajv/dist/runtime/'));
  return HEAVY.filter((name) => heavy.some((file) => file.includes('/node_modules/' + name + '/')));
};
const steps = {};
const { createMock } = await import(entry);
const mock = createMock({ scenarios: [{ rules: [{ match: { lastMessage: { contains: 'scripted' } }, reply: { content: 'scripted answer' } }] }] });
const chat = async (body) => {
  const res = await mock.fetch('http://mock.test/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', ...body }) });
  return { status: res.status, body: await res.json() };
};
const user = (content) => [{ role: 'user', content }];
// Node 20 loads its fetch (undici, ~20 ms) when a global of it is first touched: a server never needs it.
steps.imported = [loaded(), tables(), process.moduleLoadList.some((m) => m.includes('undici'))];
steps.plain = [(await chat({ messages: user('Hi') })).status, loaded(), tables()];
// Node reads the binary file, not the module (parsing and indexing the module took ~25 ms longer).
steps.asciiPartFrom = ['bin', 'js'].filter((ext) => files().some((f) => f.endsWith('/generated/o200k_base.' + ext)));
steps.scripted = [(await chat({ messages: user('a scripted question') })).body.choices[0].message.content, loaded()];
mock.use({ match: { lastMessage: { matches: '^wea[a-z]+er' } }, reply: { content: 'regex answer' } });
steps.regexRule = [(await chat({ messages: user('weather today?') })).body.choices[0].message.content, loaded()];
// The first schema to compile is a bad one: compiling it waits for Ajv, then gets the API's 400, not a 500.
const bad = await chat({ messages: user('Where?'), response_format: { type: 'json_schema', json_schema: { name: 'bad', schema: { type: 'object', properties: { a: { type: 'nope' } } } } } });
steps.badSchema = [bad.status, bad.body.error?.param, bad.body.error?.message];
const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false };
const structured = await chat({ messages: user('Where?'), response_format: { type: 'json_schema', json_schema: { name: 'place', strict: true, schema } } });
steps.structured = [structured.status, typeof JSON.parse(structured.body.choices[0].message.content).city, loaded()];
steps.cl100k = [(await chat({ model: 'gpt-4', messages: user('Hi') })).status, tables()];
const accented = await chat({ messages: user('Où est la gare ? 東京') });
steps.accented = [accented.status, accented.body.usage.prompt_tokens, tables()];
console.log(JSON.stringify(steps));
`;

describe('start-up: heavy packages load only when a request needs them', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'completions-mock-imports-'));
    await writeFile(join(dir, 'hooks.mjs'), HOOKS);
    await writeFile(join(dir, 'child.mjs'), CHILD);
    await writeFile(join(dir, 'loaded.log'), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("importing the package loads none of Ajv, RE2, json-schema-faker, Faker, the tables or Node's fetch; plain or scripted answers the ASCII part of one table; a regex rule loads RE2, a schema the rest, other text the rest of its table", async () => {
    // What `import 'completions-mock'` loads: the bundle package.json's exports name.
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { exports: { '.': { default: string } } };
    const entry = join(root, pkg.exports['.'].default);
    if (!existsSync(entry)) throw new Error('dist/ is missing: run `npm run build` (npm test does) first');
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(dir, 'child.mjs'),
      pathToFileURL(join(dir, 'hooks.mjs')).href,
      join(dir, 'loaded.log'),
      pathToFileURL(entry).href,
    ]);
    const steps = JSON.parse(stdout) as Record<string, unknown[]>;
    expect(steps.imported).toEqual([[], [], false]);
    // A gpt-4o answer loads its table only: each encoding's table loads when a model that uses it is asked.
    expect(steps.plain).toEqual([200, [], ['o200k_base']]);
    expect(steps.asciiPartFrom).toEqual(['bin']);
    expect(steps.scripted).toEqual(['scripted answer', []]);
    // The rule was checked synchronously by use(), and matched.
    expect(steps.regexRule).toEqual(['regex answer', ['re2js']]);
    expect(steps.badSchema).toEqual([
      400,
      'response_format',
      expect.stringMatching(/^Invalid schema for response_format 'bad': schema is invalid: .*properties\/a\/type/),
    ]);
    expect(steps.structured).toEqual([200, 'string', ['ajv', 're2js', 'json-schema-faker', '@faker-js/faker']]);
    expect(steps.cl100k).toEqual([200, ['o200k_base', 'cl100k_base']]);
    // Only a text that is not all ASCII loads the rest of its table.
    const accented = 3 + 1 + new Tiktoken(o200k).encode('Où est la gare ? 東京').length + 3;
    expect(steps.accented).toEqual([200, accented, ['o200k_base', 'o200k_base.more', 'cl100k_base']]);
  });
});
