import type { Faker, Randomizer } from '@faker-js/faker';
import type { generateSync } from 'json-schema-faker';
import { lazy } from '../base/lazy.js';
import type { Maybe } from '../base/maybe.js';
import { loadAjv } from '../spec/ajv.js';
import { mulberry32 } from './rng.js';

/**
 * mulberry32 as Faker's randomizer: Faker's default Mersenne Twister spends
 * most of a request re-initialising its 624-word state on every seed().
 */
function fastRandomizer(): Randomizer {
  let state = 0;
  return {
    next() {
      const [nextState, value] = mulberry32(state);
      state = nextState;
      return value;
    },
    seed(seed) {
      state = (Array.isArray(seed) ? seed.reduce((a, b) => Math.imul(a ^ b, 2654435761), 0) : seed) >>> 0;
    },
  };
}

/** json-schema-faker (~10 ms to import), loaded with Faker. */
const schemaFaker = lazy<typeof generateSync>('json-schema-faker', async () => (await import('json-schema-faker')).generateSync);
/** json-schema-faker's `generateSync`; `loadFaker()` first. */
export const jsfGenerate: typeof generateSync = (schema, options) => schemaFaker.get()(schema, options);

/**
 * A private Faker instance: seeding it never disturbs the user's own `faker`.
 * Generation is synchronous, so reseeding it before each use is deterministic.
 * Only schema-driven values (structured outputs, tool arguments) use Faker, and
 * loading it takes ~70 ms, so it is loaded on the first request that needs it
 * (the English-only entry parses in ~25 ms; the package root loads every locale).
 */
const privateFaker = lazy<Faker>('Faker', async () => {
  const [{ faker: english }] = await Promise.all([import('@faker-js/faker/locale/en'), schemaFaker.load(), loadAjv()]);
  const FakerClass = english.constructor as typeof Faker;
  return new FakerClass({ locale: english.rawDefinitions, randomizer: fastRandomizer() });
});

/** Everything generating from a schema needs: Faker, json-schema-faker, and Ajv to check what they made. At once when loaded. */
export const loadFaker = (): Maybe<unknown> => privateFaker.ready();

/** Whether answering may generate values from a JSON schema (and so needs `loadFaker()` first). */
export function needsFaker(
  conversation: { format?: { type: string } | null | undefined; tools?: unknown[] | null | undefined },
  reply: { toolCalls?: unknown[] },
): boolean {
  return conversation.format?.type === 'json_schema' || (conversation.tools?.length ?? 0) > 0 || (reply.toolCalls?.length ?? 0) > 0;
}

export function seededFaker(seed: number): Faker {
  const faker = privateFaker.get();
  faker.seed(seed);
  return faker;
}
