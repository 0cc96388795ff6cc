import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missing, pytestPython, root, runCollected } from './external-tools.js';

/** Processes whose environment carries `marker`: what a run left behind. */
function carrying(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
        return status !== 'Z' && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.skipIf(!pytestPython() && missing('python3 with pytest'))('the README pytest quickstart', () => {
  it('passes against the server, and leaves no process behind', async () => {
    const marker = `COMPLETIONS_MOCK_RUN=${randomUUID()}`;
    const [name, value] = marker.split('=') as [string, string];
    const { child: run, done } = runCollected(pytestPython()!, ['-m', 'pytest', 'examples/pytest', '-q', '-p', 'no:cacheprovider'], {
      ...process.env,
      [name]: value,
      COMPLETIONS_MOCK: `${process.execPath} ${join(root, 'bin', 'completions-mock.js')}`,
    });
    // The check can see a process of this run: pytest itself, while it runs (once exec'd: before, /proc shows the parent's environment).
    await once(run, 'spawn');
    // Under load the new environment may show a moment later: poll /proc (an external process's state, not a simulated delay).
    // What the poll saw is the check (a second look raced pyenv's shim exec'ing python: /proc read as empty for a moment).
    let seen = false;
    for (let i = 0; i < 400 && !(seen = carrying(marker).includes(run.pid!)); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toBe(true);
    const { code, out } = await done;
    expect(out).toMatch(/3 passed/);
    expect(code).toBe(0);
    expect(carrying(marker)).toEqual([]);
  });
});
