import type { Scenario } from '../scenarios/types.js';
import { startServer, type MockServer } from '../server/server.js';
import { fail } from './fail.js';
import type { Mode } from './flags.js';
import { listenErrorLine } from './listen-error.js';
import { requestLogger } from './request-log.js';
import { existsSync } from 'node:fs';
import { modeOf } from '../mock/fixtures-from-options.js';
import { loadScenarioFiles } from './scenario-files.js';
import { watchScenarios } from './watch-scenarios.js';
import { stopWithOwners } from './owners.js';

export interface ServeFlags {
  port: number;
  host: string;
  scenario?: string[];
  seed?: number;
  apiKey?: string[];
  fixtures?: string;
  mode?: Mode;
  upstream?: string;
  quiet?: boolean;
  /** False with --no-latency. */
  latency?: boolean;
  exitOnStdinClose?: boolean;
  exitWithParent?: boolean;
}

/** In-flight responses get this long to finish on SIGINT/SIGTERM before connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function serve(flags: ServeFlags): Promise<void> {
  const mode = modeOf(flags);
  if (mode === 'replay' && flags.fixtures && !existsSync(flags.fixtures)) {
    fail(`error: the fixtures folder ${flags.fixtures} does not exist; replay needs recorded fixtures (record them with --mode record)`);
  }
  const scenarios: Scenario[] = flags.scenario?.length ? await loadScenarioFiles(flags.scenario) : [];

  let server: MockServer;
  try {
    server = await startServer({
      port: flags.port,
      host: flags.host,
      seed: flags.seed ?? 0,
      scenarios,
      apiKeys: flags.apiKey ?? [],
      latency: flags.latency !== false,
      ...(flags.mode ? { mode: flags.mode } : {}),
      ...(flags.fixtures ? { fixtures: flags.fixtures } : {}),
      ...(flags.upstream ? { upstream: flags.upstream } : {}),
      ...(flags.quiet ? {} : { onRequest: requestLogger(process.stdout) }),
    });
  } catch (error) {
    // Options that do not fit together are a TypeError from createMock; the rest failed to listen.
    fail(error instanceof TypeError ? `error: ${error.message}` : listenErrorLine(error as NodeJS.ErrnoException, flags.host, flags.port));
  }
  // Handlers first: a signal sent as soon as the ready line is read must not kill the process outright.
  const stop = stopOnSignals(server, flags.quiet === true);
  stopWithOwners(flags, stop);
  const source = mode === 'generate' ? '' : ` (mode ${mode}, fixtures ${flags.fixtures}${flags.upstream ? `, upstream ${flags.upstream}` : ''})`;
  process.stdout.write(`completions-mock listening on ${server.url}${source}\n`);
  warmUpTokenizer();
  if (flags.scenario?.length) {
    await watchScenarios(
      flags.scenario,
      (next) => server.mock.setScenarios(next),
      (line) => process.stderr.write(`${line}\n`),
    );
  }
}

/**
 * The core loads the tokenizer on the first chat request (~150 ms). Loading it
 * right after the ready line keeps start-up fast and the first answer quick.
 */
function warmUpTokenizer(): void {
  setImmediate(() => {
    import('../generate/tokens.js').then((tokens) => tokens.loadEncoder('o200k_base')).catch(() => {});
  });
}

function stopOnSignals(server: MockServer, quiet: boolean): (why: string) => void {
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) {
      // A second signal: the user does not want to wait for in-flight responses. 128 + the signal's number, as shells report it.
      process.exit(why === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    if (!quiet) process.stderr.write(`${why}: finishing in-flight responses, then exiting\n`);
    void server.close({ graceMs: SHUTDOWN_GRACE_MS }).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return stop;
}
