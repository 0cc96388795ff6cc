import type { Faker, Randomizer } from '@faker-js/faker';
// The English-only entry loads in ~25 ms; the package root loads every locale (~110 ms).
import { faker as englishFaker } from '@faker-js/faker/locale/en';
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

/**
 * A private Faker instance: seeding it never disturbs the user's own `faker`.
 * Generation is synchronous, so reseeding it before each use is deterministic.
 */
const FakerClass = englishFaker.constructor as typeof Faker;
const faker: Faker = new FakerClass({ locale: englishFaker.rawDefinitions, randomizer: fastRandomizer() });

export function seededFaker(seed: number): Faker {
  faker.seed(seed);
  return faker;
}
