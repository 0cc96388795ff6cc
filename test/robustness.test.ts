import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createMock, ScenarioError } from '../src/index.js';
import { nestingDepth } from '../src/spec/schema-limits.js';
import { apiError, BASE, completion, newMock, post, user, tempDir } from './helpers.js';

const valid = { model: 'gpt-4o', messages: [user('Hi')] };
const withSchema = (schema: object, strict = false) => ({
  ...valid,
  response_format: { type: 'json_schema', json_schema: { name: 's', strict, schema } },
});

describe('schemas that ask for too much get a 400, never a dead process', () => {
  for (const [name, schema, message] of [
    [
      'a hundred million items',
      { type: 'array', items: { type: 'integer' }, minItems: 100_000_000 },
      /'minItems' is 100000000; the mock generates at most 500/,
    ],
    ['a gigabyte string', { type: 'object', properties: { s: { type: 'string', minLength: 1_000_000_000 } } }, /'minLength' is 1000000000/],
    [
      'nesting past any real use',
      Array.from({ length: 40 }).reduce<object>((inner) => ({ type: 'object', properties: { x: inner } }), { type: 'string' }),
      /nested more than 32 levels/,
    ],
  ] as const) {
    it(name, async () => {
      const error = await apiError(newMock(), withSchema(schema));
      expect(error).toMatchObject({ param: 'response_format' });
      expect(error.message).toMatch(message);
    });
  }

  it('generous upper bounds are generated quickly, within bounds', async () => {
    const schema = {
      type: 'object',
      properties: { tags: { type: 'array', items: { type: 'string', maxLength: 1_000_000_000 }, maxItems: 100_000_000 } },
      required: ['tags'],
    };
    const started = performance.now();
    const body = await completion(newMock(), withSchema(schema));
    expect(performance.now() - started).toBeLessThan(2000);
    const value = JSON.parse(body.choices[0].message.content);
    expect(new Ajv().validate(schema, value)).toBe(true);
    expect(value.tags.length).toBeLessThanOrEqual(20);
    for (const tag of value.tags) expect(tag.length).toBeLessThanOrEqual(256);
  });

  it('a body nested thousands of levels deep is a 400', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 3000; i++) deep = { a: deep };
    const error = await apiError(newMock(), {
      ...valid,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { p: deep } } } }],
    });
    expect(error.message).toMatch(/nests more than 100 levels/);
  });

  it('nesting is measured exactly: 100 levels pass the depth check, 101 do not, in arrays as in objects', () => {
    const nest = (levels: number, wrap: (inner: unknown) => unknown) => {
      let value: unknown = 1;
      for (let i = 0; i < levels; i++) value = wrap(value);
      return value;
    };
    for (const wrap of [(v: unknown) => ({ k: v }), (v: unknown) => [0, v], (v: unknown) => ({ a: [], b: [{}, v] })]) {
      expect(nestingDepth(nest(40, wrap), 100)).toBe(nestingDepth(nest(20, wrap), 100) * 2);
      const perLevel = nestingDepth(nest(1, wrap), 100);
      expect(nestingDepth(nest(Math.floor(100 / perLevel), wrap), 100)).toBeLessThanOrEqual(100);
      expect(nestingDepth(nest(3000, wrap), 100)).toBe(101);
    }
    expect(nestingDepth({}, 100)).toBe(0);
    expect(nestingDepth({ a: 1 }, 100)).toBe(1);
    expect(nestingDepth([[[]]], 100)).toBe(2);
  });

  it('schemas with the same $id, or a 2020-12 $schema, are each their own', async () => {
    const mock = newMock();
    const a = { $id: 'https://example.com/s', type: 'object', properties: { a: { type: 'integer' } }, required: ['a'], additionalProperties: false };
    const b = { $id: 'https://example.com/s', type: 'object', properties: { b: { type: 'boolean' } }, required: ['b'], additionalProperties: false };
    expect(Object.keys(JSON.parse((await completion(mock, withSchema(a, true))).choices[0].message.content))).toEqual(['a']);
    expect(Object.keys(JSON.parse((await completion(mock, withSchema(b, true))).choices[0].message.content))).toEqual(['b']);
    const modern = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { c: { type: 'string' } },
      required: ['c'],
      additionalProperties: false,
    };
    expect(JSON.parse((await completion(mock, withSchema(modern, true))).choices[0].message.content)).toHaveProperty('c');
  });

  it('a tool schema that does not compile is blamed on the tool', async () => {
    const error = await apiError(newMock(), {
      ...valid,
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { p: { type: 'wat' } } } } }],
    });
    expect(error).toMatchObject({ param: 'tools[0].function.parameters', code: 'invalid_function_parameters' });
    expect(error.message).toMatch(/^Invalid schema for function 'f': /);
  });
});

describe('odd input elsewhere', () => {
  it('a malformed escape in a model id is a 404, not a 500', async () => {
    const res = await newMock().fetch(new Request(`${BASE}/models/%E0`));
    expect(res.status).toBe(404);
  });

  it('seed: null gives the same content as no seed', async () => {
    const mock = newMock();
    const a = await completion(mock, valid);
    const b = await completion(mock, { ...valid, seed: null });
    expect(b.choices[0].message.content).toBe(a.choices[0].message.content);
  });

  it('a rule name outside Latin-1 still answers, encoded in x-mock-rule', async () => {
    const mock = newMock();
    mock.use({ name: 'météo ☀', reply: { content: 'soleil' } });
    const res = await post(mock, valid);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('x-mock-rule')!)).toBe('météo ☀');
  });

  it('every error carries the real headers (x-request-id for the SDK)', async () => {
    for (const res of [
      await post(newMock(), { ...valid, n: 0 }),
      await post(newMock({ apiKeys: ['k'] }), valid),
      await newMock().fetch(new Request(`${BASE}/nope`)),
    ]) {
      expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      expect(res.headers.get('openai-version')).toBe('2020-10-01');
    }
  });

  it('a tokens-per-minute 429 empties the token budget, not the request budget', async () => {
    const mock = newMock();
    mock.use({ error: { status: 429, type: 'tokens', retryAfter: 7 } });
    const res = await post(mock, valid);
    expect(res.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
    expect(res.headers.get('x-ratelimit-reset-tokens')).toBe('7s');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('59');
    expect((await res.json()).error.message).toMatch(/on tokens per min \(TPM\).*Please try again in 7s/);
  });

  it('the journal summarises huge bodies instead of keeping them', async () => {
    const mock = newMock();
    await post(mock, `{"model": "gpt-4o", "messages": [${'x'.repeat(300_000)}`);
    expect(mock.requests[0]).toMatchObject({ body: null, text: '[a body of 300033 characters, not kept]' });
  });

  it('a summarised body costs the journal its summary, not the body: 150 of them (45 MB sent) are all kept', async () => {
    const mock = newMock();
    const huge = `{"model": "gpt-4o", "messages": [${'x'.repeat(300_000)}`;
    for (let i = 0; i < 150; i++) await post(mock, huge);
    expect(mock.requests).toHaveLength(150);
  });

  it('credential headers of any provider are redacted in the journal', async () => {
    const mock = newMock();
    await post(mock, valid, { 'x-goog-api-key': 'AIzaSecret', 'x-auth-token': 'tok', 'x-ratelimit-test-tokens': '5' });
    const { headers } = mock.requests[0]!;
    expect(headers['x-goog-api-key']).toBe('[redacted]');
    expect(headers['x-auth-token']).toBe('[redacted]');
    expect(headers['x-ratelimit-test-tokens']).toBe('5');
  });
});

describe('replay robustness', () => {
  it('skips a damaged fixture file, and never echoes a key in a miss', async () => {
    const dir = tempDir('fixtures-damaged-');
    writeFileSync(join(dir, 'broken.json'), '{ "version": 1, "hash": ');
    const mock = createMock({ fixtures: dir });
    const key = ['sk', 'proj', 'abcdefghijklmnopqrstuvwx'].join('-');
    const res = await post(mock, { ...valid, messages: [user(`my key is ${key}`)] });
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain(key);
    expect(JSON.parse(text).error.code).toBe('fixture_not_found');
  });
});

describe('scenarios written in code are checked like files', () => {
  it('use(), createMock and setScenarios throw a ScenarioError naming each problem', () => {
    const mock = newMock();
    expect(() => mock.use({ error: { status: 99 } } as never)).toThrow(ScenarioError);
    expect(() => mock.use({ error: { status: 99 } } as never)).toThrow(/use\(\): rules\[0\]\.error\.status must be one of 400, 401/);
    expect(() => createMock({ scenarios: [{ rules: [{ match: { modle: 'x' }, reply: {} }] } as never] })).toThrow(
      /scenarios\[0\]: unknown key 'modle' in rules\[0\]\.match \(did you mean 'model'\?\)/,
    );
    expect(() => mock.setScenarios([{ rules: [{ reply: {}, error: { status: 500 } }] }])).toThrow(/has 'reply' and 'error': give only one/);
  });
});

describe('misuse from JavaScript', () => {
  it('createMock names the option that is wrong', () => {
    expect(() => createMock({ sede: 1 } as never)).toThrow(/createMock: unknown option 'sede'; known: seed, /);
    expect(() => createMock({ seed: 'abc' } as never)).toThrow('createMock: seed must be an integer, not "abc"');
    expect(() => createMock({ scenarios: { rules: [] } } as never)).toThrow(/scenarios must be an array/);
    expect(() => createMock({ mode: 'replai', fixtures: 'x' } as never)).toThrow(/mode 'replai' is not one of generate, replay, record, replay-or-record/);
  });

  it("a base URL that already ends in /chat/completions gets the real API's 404, saying what is served", async () => {
    const res = await newMock().fetch(new Request('http://x/v1/chat/completions/chat/completions', { method: 'POST', body: JSON.stringify(valid) }));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringMatching(/^completions-mock does not mock POST \/v1\/chat\/completions\/chat\/completions; it serves POST \/chat\/completions, /),
    });
  });
});
