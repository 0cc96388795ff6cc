import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashStable, hashString, stableStringify } from '../src/base/hash.js';

describe('hashStable', () => {
  it('is hashString of the stable JSON, so content seeds did not change', () => {
    const awkward = fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\ud800', '\udc00', '😀', 'a', '\u2028') });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(awkward, fc.oneof(awkward, fc.constant(undefined), fc.double()))), fc.nat(), (value, seed) => {
        expect(hashStable(value, seed)).toBe(hashString(stableStringify(value), seed));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders keys as sort() does, whatever the keys and however many', () => {
    const key = fc.string({ unit: fc.constantFrom('a', 'B', '1', '_', 'é', '\ud83d', '😀', ' ') });
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.integer(), fc.constant(undefined)), { maxKeys: 30 }), (obj) => {
        const keys = Object.keys(obj)
          .sort()
          .filter((k) => obj[k] !== undefined);
        expect(stableStringify(obj)).toBe(`{${keys.map((k) => `${JSON.stringify(k)}:${obj[k]}`).join(',')}}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores key order and undefined fields', () => {
    expect(hashStable({ a: 1, b: [2, { c: 'x', d: undefined }] })).toBe(hashStable({ b: [2, { c: 'x' }], a: 1 }));
    expect(hashStable({ a: 1 })).not.toBe(hashStable({ a: 2 }));
  });
});
