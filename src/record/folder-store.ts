import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFixture, serializeFixture, type Fixture } from './fixture.js';
import type { FixtureStore } from './store.js';

let tempCounter = 0;

/**
 * Fixtures as JSON files in a folder (Node.js). Writes go to a temporary file
 * that is renamed into place, so a crash never leaves a half-written fixture
 * and concurrent writers never interleave.
 */
export function folderStore(dir: string): FixtureStore {
  return {
    location: dir,
    async list() {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw error;
      });
      const out: Array<{ name: string; fixture: Fixture }> = [];
      for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
        try {
          const parsed = JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
          if (isFixture(parsed)) out.push({ name, fixture: parsed });
        } catch (error) {
          // One damaged file (a bad merge, a hand edit) must not stop the others from replaying.
          console.warn(`completions-mock: skipping fixture ${join(dir, name)}: ${(error as Error).message}`);
        }
      }
      return out;
    },
    async save(name, fixture) {
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${name}.${process.pid}.${tempCounter++}.tmp`);
      try {
        await writeFile(temp, serializeFixture(fixture), { flag: 'wx' });
        await rename(temp, join(dir, name));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
  };
}
