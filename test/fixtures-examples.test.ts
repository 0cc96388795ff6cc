import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { folderStore } from '../src/node.js';
import { parseSse } from './helpers.js';

// fixtures/ is the shipped example set (scripts/record-examples.mjs records it from the mock itself).
const dir = resolve(import.meta.dirname, '../fixtures');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('the shipped fixtures/ examples', () => {
  it('are there, and each replays exactly what it recorded', async () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const mock = createMock({ fixtures: folderStore(dir) });
    for (const file of files) {
      const fixture = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const { method, path, body } = fixture.request;
      const res = await mock.fetch(new Request(`http://api.test/v1${path}`, { method, ...(method === 'POST' ? { body: JSON.stringify(body) } : {}) }));
      expect(res.status).toBe(fixture.response.status);
      if (fixture.response.chunks) {
        expect(parseSse(await res.text())).toEqual(fixture.response.chunks.map((c: { data: string }) => c.data));
      } else {
        expect(await res.json()).toEqual(fixture.response.body);
      }
    }
  });
});
