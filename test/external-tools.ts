import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Chromium and pytest come from Debian packages (.ci/run installs them). A
 * machine without them skips those tests, unless REQUIRE_EXTERNAL_TOOLS=1
 * (set by .ci/run), where a missing tool fails the run instead.
 */
export const requireTools = process.env['REQUIRE_EXTERNAL_TOOLS'] === '1';

export function missing(what: string): string | undefined {
  if (requireTools) throw new Error(`${what} is required (REQUIRE_EXTERNAL_TOOLS=1) but missing; .ci/run installs it`);
  return what;
}

export const CHROMIUM = '/usr/bin/chromium';
export const chromium: string | undefined = existsSync(CHROMIUM) ? CHROMIUM : undefined;

/** A python3 that has pytest: the one on PATH, else Debian's. */
export const pytestPython: string | undefined = ['python3', '/usr/bin/python3'].find(
  (python) => spawnSync(python, ['-c', 'import pytest'], { stdio: 'ignore' }).status === 0,
);
