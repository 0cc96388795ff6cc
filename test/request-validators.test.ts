import { Ajv } from 'ajv';
import ucs2 from 'ajv/dist/runtime/ucs2length.js';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { re2js } from '../src/base/re2.js';
import { requestValidators, schemaTexts } from '../generated/request-validators.js';
import { embeddingsRequestSchema } from '../src/endpoints/embeddings/schema.js';
import { responsesRequestSchema } from '../src/endpoints/responses/schema.js';
import { ajvStats, loadAjv } from '../src/spec/ajv.js';
import { OWN_PATTERNS, ajvOptions, forCompiling, ownPatterns, re2 } from '../src/spec/ajv-options.js';
import { chatCompletionRequestSchema } from '../src/spec/request-schema.js';
import { validateBody } from '../src/spec/validate-body.js';

// The validators compiled at build time must be the ones Ajv compiles at run time, error for error.
const schemas: Record<string, object> = {
  'chat-completion-request': chatCompletionRequestSchema,
  'responses-request': responsesRequestSchema,
  'embeddings-request': embeddingsRequestSchema,
};
type Ucs2 = (text: string) => number;
const helper = ucs2 as unknown as Ucs2 | { default: Ucs2 };
// Ajv and RE2 load on demand in the mock; these tests use them directly.
await loadAjv();
const prebuilt = requestValidators(re2, { ucs2length: { default: typeof helper === 'function' ? helper : helper.default } });

const valid: Record<string, Record<string, unknown>> = {
  'chat-completion-request': {
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Hi', name: 'ann' }],
    n: 1,
    stop: ['x'],
    max_tokens: 10,
    tools: [{ type: 'function', function: { name: 'f_1', parameters: { type: 'object' } } }],
  },
  'responses-request': { model: 'gpt-4o', input: [{ role: 'user', content: 'Hi' }], instructions: 'Be brief.', max_output_tokens: 20 },
  'embeddings-request': { model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 8 },
};
// Values that break types, bounds, enums, patterns and lengths.
const odd = fc.oneof(fc.constantFrom(null, -1, 0, 1.5, 129, '', 'x'.repeat(70), 'bad name!', 'user', [], {}, [1], true), fc.jsonValue({ maxDepth: 2 }));

/** Sets `value` at a path of keys found along `body` (or a new key at the end). */
function mutate(body: unknown, path: number[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const [i, pick] of path.entries()) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length]!;
    const child = node[key];
    if (i === path.length - 1 || child === null || typeof child !== 'object') {
      node[key] = value;
      return copy;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

/** Every `pattern` keyword in a schema. */
function patternsIn(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => (key === 'pattern' && typeof child === 'string' ? [child] : patternsIn(child)));
}

describe('the request schemas’ own patterns', () => {
  it('are the ones listed to run on the platform’s RegExp, none with a quantified group (no backtracking blow-up)', () => {
    expect([...new Set(Object.values(schemas).flatMap(patternsIn))].sort()).toEqual([...OWN_PATTERNS].sort());
    for (const pattern of OWN_PATTERNS) expect(pattern).not.toMatch(/\)[*+?{]/);
  });

  it('run on RegExp, and any other pattern on RE2', () => {
    const compile = vi.spyOn(re2js.get(), 'compile');
    try {
      const own = ownPatterns(OWN_PATTERNS[0]!, 'u');
      expect([own.test('get_weather'), own.test('bad name!')]).toEqual([true, false]);
      expect(compile).not.toHaveBeenCalled();
      const other = ownPatterns('^a+$', 'u');
      expect([other.test('aaa'), other.test('ab')]).toEqual([true, false]);
      expect(compile).toHaveBeenCalledWith('^a+$');
    } finally {
      compile.mockRestore();
    }
  });
});

describe('request validators compiled at build time', () => {
  it('validateBody uses them: no Ajv instance is made for requests', () => {
    const before = ajvStats.instances;
    for (const [key, schema] of Object.entries(schemas)) {
      expect(validateBody(valid[key], schema, key)).toBeUndefined();
      expect(validateBody({ ...valid[key], model: 5 }, schema, key)).toMatchObject({ status: 400 });
    }
    expect(ajvStats.instances).toBe(before);
    // A schema the build did not compile is compiled at run time.
    expect(validateBody({ a: 1 }, { type: 'object', required: ['b'] }, 'not-prebuilt')).toMatchObject({ status: 400 });
    expect(ajvStats.instances).toBe(before + 1);
  });

  for (const [key, schema] of Object.entries(schemas)) {
    it(`${key}: built from the current schema`, () => {
      // Stale means validate-body falls back to compiling at run time: run `npm run build`.
      expect(schemaTexts[key]).toBe(JSON.stringify(schema));
    });

    it(`${key}: the same verdict and first error as Ajv at run time`, () => {
      const runtime = new Ajv({ ...ajvOptions, code: { regExp: re2 } }).compile(forCompiling(schema));
      const built = prebuilt[key]!;
      const firstError = (v: typeof runtime) => {
        const e = v.errors?.[0];
        return (
          e && {
            instancePath: e.instancePath,
            schemaPath: e.schemaPath,
            keyword: e.keyword,
            params: e.params,
            schema: e.schema,
            parentSchema: e.parentSchema,
            data: e.data,
          }
        );
      };
      let failures = 0;
      fc.assert(
        fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }), odd, (path, value) => {
          const body = mutate(valid[key], path, value);
          const verdict = built(body);
          expect(verdict).toBe(runtime(body));
          expect(firstError(built)).toEqual(firstError(runtime));
          if (!verdict) failures++;
        }),
        { numRuns: 400 },
      );
      expect(built(valid[key])).toBe(true);
      // The mutations do reach errors, so the comparison covers them.
      expect(failures).toBeGreaterThan(50);
    });
  }
});
