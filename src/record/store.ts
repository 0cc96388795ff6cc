import type { Fixture } from './fixture.js';

/**
 * Where fixtures live. The Node.js folder store is the usual one; an in-memory
 * store serves browsers and tests.
 */
export interface FixtureStore {
  /** Every fixture, with the name it is stored under. */
  list(): Promise<Array<{ name: string; fixture: Fixture }>>;
  /** Stores a fixture under `name`, whole or not at all. */
  save(name: string, fixture: Fixture): Promise<void>;
  /** Where the fixtures are, for messages. */
  readonly location: string;
}

export function memoryStore(initial: Record<string, Fixture> = {}): FixtureStore & { files: Map<string, Fixture> } {
  const files = new Map(Object.entries(initial));
  return {
    files,
    location: 'memory',
    async list() {
      return [...files].map(([name, fixture]) => ({ name, fixture }));
    },
    async save(name, fixture) {
      files.set(name, fixture);
    },
  };
}
