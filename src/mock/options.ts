import type { Endpoint } from '../endpoints/endpoint.js';
import type { FixtureStore } from '../record/store.js';
import type { Mode } from '../record/fixtures.js';
import type { Scenario } from '../scenarios/types.js';

export interface MockOptions {
  /** Seed of all generated content. Default 0. */
  seed?: number;
  /** Scenario rules, first match wins. */
  scenarios?: Scenario[];
  /** When non-empty, any other API key gets a 401. */
  apiKeys?: string[];
  /** False turns scenario latency off (answers come at once). Default true. */
  latency?: boolean;
  /** How many requests the journal keeps. Default 1,000. */
  journalLimit?: number;
  /** Clock for `created` and timings; tests may inject one. */
  now?: () => number;
  /** Fixtures for record and replay: a folder (Node.js) or a FixtureStore. */
  fixtures?: string | FixtureStore;
  /** Where answers come from. Default `generate`, or `replay` when fixtures are given. */
  mode?: Mode;
  /** Base URL of the real API to record from, like a client's: `https://api.openai.com/v1`. */
  upstream?: string;
  /** Request fields left out of a fixture's identity (default: user, stream_options, metadata...). */
  ignoreFields?: string[];
  /** Replay streams with their recorded timing. Default false. */
  replayTiming?: boolean;
  /** How long recording waits for the upstream's response headers. Default 60 s. */
  upstreamTimeoutMs?: number;
  /** Endpoints of your own, served beside the built-in ones (`defineEndpoint`). */
  endpoints?: Endpoint<any, any>[];
}

// Written as a record of every key, so a new option that is not listed here fails to compile.
const KNOWN: Record<keyof MockOptions, true> = {
  seed: true,
  scenarios: true,
  apiKeys: true,
  latency: true,
  journalLimit: true,
  now: true,
  fixtures: true,
  mode: true,
  upstream: true,
  ignoreFields: true,
  replayTiming: true,
  upstreamTimeoutMs: true,
  endpoints: true,
};
export const OPTION_NAMES = Object.keys(KNOWN) as Array<keyof MockOptions>;

/** Misuse from JavaScript (no compiler to catch it) throws a TypeError that says what is wrong. */
export function checkOptions(options: MockOptions): void {
  const unknown = Object.keys(options).filter((key) => !(key in KNOWN));
  if (unknown.length > 0) throw new TypeError(`createMock: unknown option ${unknown.map((k) => `'${k}'`).join(', ')}; known: ${OPTION_NAMES.join(', ')}`);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed))
    throw new TypeError(`createMock: seed must be an integer, not ${JSON.stringify(options.seed)}`);
  if (options.scenarios !== undefined && !Array.isArray(options.scenarios))
    throw new TypeError('createMock: scenarios must be an array of scenarios ({ rules: [...] })');
  if (options.apiKeys !== undefined && !(Array.isArray(options.apiKeys) && options.apiKeys.every((k) => typeof k === 'string'))) {
    throw new TypeError('createMock: apiKeys must be an array of strings');
  }
  for (const endpoint of options.endpoints ?? []) {
    if (
      !endpoint ||
      typeof endpoint.answer !== 'function' ||
      typeof endpoint.path !== 'string' ||
      !endpoint.path.startsWith('/') ||
      typeof endpoint.name !== 'string'
    ) {
      throw new TypeError('createMock: each of endpoints needs a name, a method, a path starting with / and an answer function');
    }
  }
}
