import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { SECRET_KEY_PATTERN } from '../src/base/redact.js';

const root = fileURLToPath(new URL('..', import.meta.url));

it('no tracked file holds a string shaped like an API key (tests build theirs with fakeKey)', () => {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
  const found: string[] = [];
  for (const file of files) {
    if (file === 'package-lock.json') continue;
    let text: string;
    try {
      text = readFileSync(`${root}/${file}`, 'utf8');
    } catch {
      continue; // listed but deleted in the working tree
    }
    for (const match of text.matchAll(new RegExp(SECRET_KEY_PATTERN.source, 'g'))) found.push(`${file}: ${match[0]}`);
  }
  expect(found).toEqual([]);
});
