import { seededFaker } from './faker.js';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A short, readable English answer: two to four sentences, fixed by the seed. */
export function generateText(seed: number): string {
  const faker = seededFaker(seed);
  const count = faker.number.int({ min: 2, max: 4 });
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) sentences.push(capitalize(faker.hacker.phrase()));
  return sentences.join(' ');
}

/** A JSON object for `response_format: json_object`, fixed by the seed. */
export function generateJsonObject(seed: number): Record<string, unknown> {
  const faker = seededFaker(seed);
  return {
    id: faker.string.uuid(),
    title: capitalize(faker.hacker.phrase()),
    summary: faker.company.catchPhrase(),
    score: faker.number.int({ min: 1, max: 100 }),
    tags: faker.helpers.multiple(() => faker.hacker.noun(), { count: 3 }),
  };
}
