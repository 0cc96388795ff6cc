import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repo's root. */
export const root = fileURLToPath(new URL('..', import.meta.url));

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

/** The first of `pythons` that imports `modules`, looked for once and only by the files that ask (each look starts Python). */
function firstPython(pythons: Array<string | undefined>, modules: string): () => string | undefined {
  let found: { python: string | undefined } | undefined;
  return () =>
    (found ??= { python: pythons.find((python) => python !== undefined && spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0) })
      .python;
}

/** A python3 that has pytest: the one on PATH, else Debian's. */
export const pytestPython = firstPython(['python3', '/usr/bin/python3'], 'pytest');

/**
 * A python3 with the openai package and pytest: $OPENAI_PYTHON, else the venv
 * .ci/run makes (.venv-openai), else python3. PyPI may be out of reach, so .ci/run
 * sets REQUIRE_OPENAI_PYTHON=1 only when its install succeeded.
 */
export const openaiPython = firstPython([process.env['OPENAI_PYTHON'], '.venv-openai/bin/python', 'python3'], 'openai, pytest');

export function missingOpenaiPython(): string | undefined {
  if (process.env['REQUIRE_OPENAI_PYTHON'] === '1') throw new Error('openai-python is required (REQUIRE_OPENAI_PYTHON=1) but missing; .ci/run installs it');
  return 'python3 with openai and pytest';
}

/** A child process run from the repo's root, its stdout and stderr collected together until it ends. */
export function runCollected(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (data: string) => (out += data));
  child.stderr!.setEncoding('utf8').on('data', (data: string) => (out += data));
  const done = new Promise<{ code: number | null; out: string }>((resolve) => child.on('close', (code) => resolve({ code, out })));
  return { child, done };
}
