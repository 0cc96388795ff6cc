import { constants } from 'node:fs';
import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFixture, serializeFixture, type Fixture } from './fixture.js';
import type { FixtureStore } from './store.js';

let tempCounter = 0;

/** A fixture file larger than this is reported and skipped: no recorded answer is that big. */
const MAX_FIXTURE_BYTES = 64 * 1024 * 1024;

/** Why a file could not be read, without quoting any of its content (it might be anything). */
function reason(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON';
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'a symbolic link (only regular files in the folder are read)';
  return code ?? (error as Error).message;
}

/**
 * Reads a regular file of the folder, by a name readdir gave (no separator in
 * it). O_NOFOLLOW refuses a symbolic link at open time (no race between a
 * check and the read), so nothing outside the folder is read through one.
 */
async function readInside(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' });
    if (info.size > MAX_FIXTURE_BYTES) throw Object.assign(new Error('too large'), { code: `larger than ${MAX_FIXTURE_BYTES} bytes` });
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
/**
 * Fixtures as JSON files in a folder (Node.js). Writes go to a temporary file
 * that is renamed into place, so a crash never leaves a half-written fixture
 * and concurrent writers never interleave.
 */
export function folderStore(dir: string): FixtureStore {
  return {
    location: dir,
    async list() {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      const out: Array<{ name: string; fixture: Fixture }> = [];
      const names = entries.filter((e) => e.name.endsWith('.json') && !e.name.startsWith('.'));
      for (const entry of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const name = entry.name;
        try {
          if (!entry.isFile()) throw Object.assign(new Error('not a file'), { code: entry.isSymbolicLink() ? 'ELOOP' : 'not a regular file' });
          const parsed = JSON.parse(await readInside(dir, name)) as unknown;
          if (isFixture(parsed)) out.push({ name, fixture: parsed });
          else console.warn(`completions-mock: skipping fixture ${join(dir, name)}: not a fixture (hash, order, request and response)`);
        } catch (error) {
          // One damaged file (a bad merge, a hand edit) must not stop the others from replaying.
          console.warn(`completions-mock: skipping fixture ${join(dir, name)}: ${reason(error)}`);
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
