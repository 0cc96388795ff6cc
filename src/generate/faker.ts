import type { Faker } from '@faker-js/faker';
// The English-only entry loads in ~25 ms; the package root loads every locale (~110 ms).
import { faker as englishFaker } from '@faker-js/faker/locale/en';

/**
 * A private Faker instance: seeding it never disturbs the user's own `faker`.
 * Generation is synchronous, so reseeding it before each use is deterministic.
 */
const FakerClass = englishFaker.constructor as typeof Faker;
const faker: Faker = new FakerClass({ locale: englishFaker.rawDefinitions });

export function seededFaker(seed: number): Faker {
  faker.seed(seed);
  return faker;
}
