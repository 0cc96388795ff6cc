import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compileGlob, compilePattern } from '../src/scenarios/pattern.js';
import { MAX_EXPLANATION } from '../src/scenarios/rules.js';
import { ajvStats, compileCached, loadAjv, MAX_CACHED_SCHEMA, SCHEMAS_PER_INSTANCE } from '../src/spec/ajv.js';
import { generationCost, patternLength, VALUE_BUDGET } from '../src/spec/generation-budget.js';
import { generationStats, WORK_BUDGET } from '../src/generate/structured.js';
import { apiError, completion, newMock, post, user } from './helpers.js';

// Ajv and RE2 load on demand in the mock; some tests below use them directly.
await loadAjv();

const valid = { model: 'gpt-4o', messages: [user('Hi')] };
const withSchema = (schema: object) => ({ ...valid, response_format: { type: 'json_schema', json_schema: { name: 's', schema } } });
const tool = (name: string, parameters: object = { type: 'object', properties: { a: { type: 'string' } } }) => ({
  type: 'function',
  function: { name, parameters },
});

describe('one request has a bounded cost, whatever it holds', () => {
  const repro = { type: 'array', minItems: 500, items: { type: 'array', minItems: 500, items: { type: 'string', minLength: 5000 } } };

  it('nested minimums multiply: the 254-byte schema asking for 1.25 GB gets a 400 naming the limit, before any generation', async () => {
    expect(generationCost(repro).chars).toBeGreaterThan(1_250_000_000);
    const error = await apiError(newMock(), withSchema(repro));
    expect(error).toMatchObject({ param: 'response_format', code: 'invalid_value' });
    expect(error.message).toMatch(/at most 100,000 characters per value/);
  });

  it('one level of it (2.5 MB) is refused too; a size within the budget is generated', async () => {
    const oneLevel = { type: 'array', minItems: 500, items: { type: 'string', minLength: 5000 } };
    expect((await apiError(newMock(), withSchema(oneLevel))).message).toMatch(/takes up to 2,50\d,\d{3} characters/);
    const small = { type: 'array', minItems: 10, items: { type: 'string', minLength: 500 } };
    const value = JSON.parse((await completion(newMock(), withSchema(small))).choices[0].message.content);
    expect(value).toHaveLength(10);
    for (const s of value) expect(s.length).toBeGreaterThanOrEqual(500);
  });

  it('the bound is an upper bound of what is generated', async () => {
    const mock = newMock();
    const schemas = [
      { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string', maxLength: 40 } }, n: { type: 'integer' } } },
      { type: 'array', minItems: 7, items: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, ok: { type: 'boolean' } } } },
      {
        type: 'object',
        properties: { code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }, list: { type: 'array', maxItems: 1000, items: { enum: ['a', 'bb'] } } },
      },
      {
        $defs: {
          node: {
            type: 'object',
            properties: { v: { type: 'integer' }, next: { anyOf: [{ $ref: '#/$defs/node' }, { type: 'null' }] } },
            required: ['v', 'next'],
          },
        },
        $ref: '#/$defs/node',
      },
    ];
    for (const schema of schemas) {
      const content = (await completion(mock, withSchema(schema))).choices[0].message.content as string;
      expect(content.length).toBeLessThanOrEqual(generationCost(schema).chars);
    }
  });

  it('pattern lengths multiply through groups', () => {
    expect(patternLength('^[a-z]{5000}$')).toBe(5000);
    expect(patternLength('(ab{3}){10}')).toBe(40);
    expect(patternLength('a+|bbbbbbbbbb')).toBe(10);
  });

  it('enums: more than 1,000 values over a schema is a 400, as in the real API', async () => {
    const error = await apiError(newMock(), withSchema({ type: 'string', enum: Array.from({ length: 1001 }, (_, i) => `v${i}`) }));
    expect(error.message).toMatch(/more than 1000 enum values/);
    const long = Array.from({ length: 300 }, (_, i) => `${'x'.repeat(60)}${i}`);
    expect((await apiError(newMock(), withSchema({ type: 'string', enum: long }))).message).toMatch(/past 250 values the limit is 15000/);
  });

  it('n x tools is bounded: n=128 with 128 tools is a 400 on n; n=128 of plain text is served', async () => {
    const tools = Array.from({ length: 128 }, (_, i) => tool(`tool_${i}`));
    const error = await apiError(newMock(), { ...valid, n: 128, tools, tool_choice: 'required' });
    expect(error).toMatchObject({ param: 'n', code: 'invalid_value' });
    expect(error.message).toMatch(/at most 200,000 per request/);
    const body = await completion(newMock(), { ...valid, n: 128 });
    expect(body.choices).toHaveLength(128);
  });

  it('a value budget below what one tool needs names the tool', async () => {
    const big = tool('huge', { type: 'object', properties: { a: { type: 'array', minItems: 400, items: { type: 'string', minLength: 400 } } } });
    const error = await apiError(newMock(), { ...valid, tools: [big] });
    expect(error).toMatchObject({ param: 'tools[0].function.parameters', code: 'invalid_function_parameters' });
    expect(error.message).toMatch(new RegExp(`at most ${VALUE_BUDGET.toLocaleString('en-US')} characters`));
  });
});

describe('what the estimate cannot see is metered while generating', () => {
  it('a $ref that loops back with no object or array between is a 400 at once (the generator and Ajv would loop forever)', async () => {
    const loop = { anyOf: [{ allOf: [{ $ref: '#' }, { type: 'string' }] }] };
    const error = await apiError(newMock(), withSchema(loop));
    expect(error.message).toMatch(/'\$ref': "#" refers back to itself with no object or array in between/);
    const viaDefs = { $defs: { a: { $ref: '#/$defs/b' }, b: { allOf: [{ $ref: '#/$defs/a' }] } }, $ref: '#/$defs/a' };
    expect((await apiError(newMock(), { ...valid, tools: [tool('f', viaDefs)] })).param).toBe('tools[0].function.parameters');
  });

  it('a definition referred to twice inside one merged allOf is not a loop: it is answered', async () => {
    const schema = {
      $defs: { id: { type: 'string' } },
      type: 'object',
      properties: { v: { allOf: [{ $ref: '#/$defs/id' }, { oneOf: [{ $ref: '#/$defs/id' }] }] } },
    };
    const answer = await completion(newMock(), withSchema(schema));
    const content = JSON.parse(answer.choices[0]!.message.content!) as { v?: unknown };
    expect(new Ajv().validate(schema, content)).toBe(true);
  });

  it('a recursion whose size the estimate misjudges stops at the work budget (took 436 s before)', async () => {
    // The integer branch keeps the array type when merged, so every level holds 20 more arrays.
    const schema = {
      allOf: [
        { type: 'array', items: { $ref: '#' }, minItems: 2, maxItems: 1_000_000_000 },
        {
          anyOf: [
            { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 26 },
            { type: 'integer', maximum: 39, exclusiveMinimum: 22 },
          ],
        },
      ],
    };
    const error = await apiError(newMock(), { ...valid, tools: [tool('f', schema)] });
    expect(error.message).toMatch(new RegExp(`more than the mock's limit of ${WORK_BUDGET.toLocaleString('en-US')} units of work`));
    // The counter stopped within one value of the budget.
    expect(generationStats.lastWork).toBeGreaterThan(WORK_BUDGET);
    expect(generationStats.lastWork).toBeLessThanOrEqual(WORK_BUDGET + 5_000);
  });
});

describe('scenario patterns and globs run in linear time', () => {
  it('(a+)+$ against 10,000 a and a b ends (a backtracking engine would need 2^10000 steps)', () => {
    expect(compilePattern('(a+)+$').test(`${'a'.repeat(10_000)}b`)).toBe(false);
    expect(compilePattern('(a+)+$').test('xaaa')).toBe(true);
  });

  it('a rule with that pattern answers a request that holds the text', async () => {
    const mock = newMock({ scenarios: [{ rules: [{ match: { lastMessage: { matches: '(a+)+$' } }, reply: { content: 'matched' } }] }] });
    const res = await post(mock, { ...valid, messages: [user(`${'a'.repeat(10_000)}b`)] });
    expect(res.status).toBe(200);
    expect(mock.requests[0]!.matchedRule).toBeUndefined();
    // And the rule does answer a text the pattern matches.
    const matched = await post(mock, { ...valid, messages: [user(`x${'a'.repeat(10_000)}`)] });
    expect((await matched.json()).choices[0].message.content).toBe('matched');
  });

  it('globs match as before, without backtracking', () => {
    const cases: Array<[string, string, boolean]> = [
      ['gpt-4o*', 'gpt-4o-mini', true],
      ['gpt-4o*', 'gpt-4', false],
      ['*mini', 'gpt-4o-mini', true],
      ['gpt-?o', 'gpt-4o', true],
      ['gpt-?o', 'gpt-40o', false],
      ['*a*b*c', 'xaybzc', true],
      ['*a*b*c', 'xaybz', false],
      ['a*a', 'a', false],
      ['*', '', true],
      ['', '', true],
      ['a?*c', 'abc', true],
      ['*.*', 'a.b', true],
    ];
    for (const [glob, text, expected] of cases) expect([glob, text, compileGlob(glob).test(text)]).toEqual([glob, text, expected]);
    // The glob: a backtracking matcher needs about C(36,12) steps here.
    expect(compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*b').test('a'.repeat(5000))).toBe(false);
  });

  it('the unmatched explanation is bounded, whatever the model name and the number of rules', async () => {
    const rules = Array.from({ length: 20 }, (_, i) => ({ name: `rule ${i}`, match: { model: `other-${i}*` }, reply: { content: 'x' } }));
    const mock = newMock({ scenarios: [{ rules }] });
    await post(mock, { ...valid, model: 'm'.repeat(100_000) });
    const unmatched = mock.requests[0]!.unmatched!;
    expect(unmatched).toMatch(/^no rule matched: rule 0: model "m{79}\.\.\. is not "other-0\*"/);
    expect(unmatched.length).toBeLessThanOrEqual(MAX_EXPLANATION + 40);
  });
});

describe('schema-true answers', () => {
  const valueFor = async (schema: object) => JSON.parse((await completion(newMock(), withSchema(schema))).choices[0].message.content);
  const ajv = new Ajv({ strict: false });

  for (const [name, schema] of [
    ['an integer minimum past 2^53', { type: 'integer', minimum: 1152921504606846976 }],
    ['a number minimum of 1e308', { type: 'number', minimum: 1e308 }],
    ['propertyNames with a pattern', { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, minProperties: 2 }],
    [
      'patternProperties with additionalProperties: false',
      { type: 'object', patternProperties: { '^x_': { type: 'integer' } }, additionalProperties: false, minProperties: 1 },
    ],
    [
      'a root recursion ("$ref": "#")',
      {
        type: 'object',
        properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#' } } },
        required: ['value', 'children'],
        additionalProperties: false,
      },
    ],
    [
      'strings with length bounds',
      { type: 'object', properties: { a: { type: 'string', minLength: 3, maxLength: 5 }, b: { type: 'string', maxLength: 1 } }, required: ['a', 'b'] },
    ],
  ] as const) {
    it(`${name}: the answer validates`, async () => {
      const value = await valueFor(schema);
      expect(ajv.validate(schema, value), JSON.stringify(value)).toBe(true);
    });
  }

  it('big bounds are answered exactly', async () => {
    expect(await valueFor({ type: 'integer', minimum: 1152921504606846976 })).toBeGreaterThanOrEqual(1152921504606846976);
    expect(await valueFor({ type: 'number', exclusiveMinimum: 1e308 })).toBeGreaterThan(1e308);
  });

  for (const [name, schema] of [
    ['minimum above maximum', { type: 'object', properties: { a: { type: 'integer', minimum: 5, maximum: 1 } }, required: ['a'] }],
    ['not: {}', { not: {} }],
  ] as const) {
    it(`${name}: a 400 like the strict-mode errors, for json_schema and for tools`, async () => {
      const error = await apiError(newMock(), withSchema(schema));
      expect(error).toMatchObject({ param: 'response_format', code: 'invalid_value' });
      expect(error.message).toMatch(/^Invalid schema for response_format 's': the mock found no value that satisfies it \(/);
      const toolError = await apiError(newMock(), { ...valid, tools: [tool('f', schema)] });
      expect(toolError).toMatchObject({ param: 'tools[0].function.parameters', code: 'invalid_function_parameters' });
    });
  }

  it("json-schema-faker's keywords in a caller's schema are ignored", async () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', template: 'SECRET-#{b}' },
        b: { type: 'string', faker: 'constructor.constructor' },
        c: { type: 'string', 'x-faker': 'internet.email', chance: 'guid', jsonPath: '$.b' },
      },
      required: ['a', 'b', 'c'],
    };
    const value = await valueFor(schema);
    expect(value.a).not.toMatch(/^SECRET-/);
    expect(typeof value.b).toBe('string');
    expect(value.c).not.toBe(value.b);
  });
});

describe('flat memory', () => {
  it('huge schemas fill an Ajv instance by their size, and are never kept in a cache', () => {
    const before = ajvStats.instances;
    const big = (i: number) => ({ type: 'object', description: `${i}${'d'.repeat(1024 * 1024)}`, properties: { a: { type: 'integer' } } });
    for (let i = 0; i < 17; i++) compileCached(big(i));
    // 17 MB of schema text: at least two instances were started for them, whatever their count.
    expect(ajvStats.instances).toBeGreaterThanOrEqual(before + 2);
    expect(JSON.stringify(big(0)).length).toBeGreaterThan(MAX_CACHED_SCHEMA);
    // Not kept: the same huge schema compiles anew; a small one comes from the cache.
    expect(compileCached(big(0))).not.toBe(compileCached(big(0)));
    // Within one request (one schema object) it is compiled once, however many checks read it.
    const one = big(1);
    expect(compileCached(one)).toBe(compileCached(one));
    const small = { type: 'object', properties: { kept: { type: 'string' } } };
    expect(compileCached(small)).toBe(compileCached({ ...small }));
  });

  it('Ajv instances are replaced after a bounded number of compiled schemas', () => {
    const before = ajvStats.instances;
    for (let i = 0; i < SCHEMAS_PER_INSTANCE * 2 + 1; i++) compileCached({ type: 'object', properties: { [`p${i}-${before}`]: { type: 'integer' } } });
    expect(ajvStats.instances).toBeGreaterThanOrEqual(before + 2);
  });
});
