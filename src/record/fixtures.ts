import { errorPlan } from '../base/errors.js';
import type { Headers, MockRequest, Plan } from '../base/plan.js';
import { isSecretHeader, Scrubber } from '../base/redact.js';
import { explainMiss } from './closest.js';
import { FIXTURE_VERSION, fixtureProblem, type Fixture } from './fixture.js';
import { DEFAULT_IGNORED_FIELDS, fixtureHash, identityOf, slugOf, type Identity } from './identity.js';
import { SseRecorder } from './sse-recorder.js';
import { upstreamEndpoint } from './upstream-path.js';
import { isCrossSite } from '../base/cross-site.js';
import type { FixtureStore } from './store.js';

const UPSTREAM_TIMEOUT_MS = 60_000;

/** How a fixture served a request, for the journal and the request log. */
export interface FixtureUse {
  outcome: 'replayed' | 'recorded' | 'missed';
  /** The fixture file's name, when one was replayed or recorded. */
  name?: string;
}

/** A request as record and replay see it: the mock has already found its endpoint path. */
export interface FixtureRequest extends MockRequest {
  /** The path after the caller's prefix (`/chat/completions`): the fixture's identity and the upstream's path. */
  endpoint: string;
  /** The parsed body (null when none). */
  parsed: unknown;
  /** Text to name the file after (`what-is-the-weather-...`). */
  slug: string;
}

export interface FixtureAnswer {
  plan: Plan;
  use: FixtureUse;
  /** For a miss: in a few words, what differs from the closest fixture (the journal's and the log's reason). */
  reason?: string;
}

export const MODES = ['generate', 'replay', 'record', 'replay-or-record'] as const;
export type Mode = (typeof MODES)[number];
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface FixtureOptions {
  mode: Exclude<Mode, 'generate'>;
  store: FixtureStore | Promise<FixtureStore>;
  /** Base URL of the real API, like a client's: `https://api.openai.com/v1`. */
  upstream?: string;
  /** Request fields left out of a request's identity. */
  ignoreFields?: readonly string[];
  /** Replay streams with their recorded timing (off: as fast as possible). */
  replayTiming?: boolean;
  /** How long to wait for the upstream's response headers when recording. Default 60 s. */
  upstreamTimeoutMs?: number;
  now: () => number;
}

// Hop-by-hop: they describe one connection, so they are neither forwarded nor stored.
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
// Also never stored: encodings that no longer apply, and the date of the recording.
const NOT_STORED = new Set([...HOP_BY_HOP, 'content-encoding', 'date']);

function keptHeaders(headers: Headers, scrubber: Scrubber): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    // SDK telemetry (x-stainless-*) changes with every upgrade and would only churn diffs.
    if (!NOT_STORED.has(name) && !isSecretHeader(name) && !name.startsWith('x-stainless-')) out[name] = scrubber.text(value);
  }
  return out;
}

/** The upstream's headers, less credentials: an upstream that echoes the caller's key must not get it stored. */
function responseHeaders(response: Response, scrubber: Scrubber): Headers {
  const out: Headers = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  return keptHeaders(out, scrubber);
}

function parseBody(text: string): unknown {
  if (!text) return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Headers that describe one connection or one encoding of the body; never replayed. */
const NOT_REPLAYED = new Set([...NOT_STORED, 'upgrade', 'te', 'trailer', 'proxy-connection', 'proxy-authenticate']);

function replayHeaders(headers: Headers): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) if (!NOT_REPLAYED.has(name.toLowerCase())) out[name] = value;
  return out;
}

/**
 * Record and replay: a request's identity (its normalised body and its order
 * among identical requests) names a fixture; replay answers from it, record
 * forwards to the upstream and saves what came back.
 */
export class Fixtures {
  #index: Promise<Map<string, { name: string; fixture: Fixture }>> | undefined;
  #order = new Map<string, number>();
  #store: Promise<FixtureStore>;

  constructor(private readonly options: FixtureOptions) {
    this.#store = Promise.resolve(options.store);
  }

  get mode(): Mode {
    return this.options.mode;
  }

  /** Order counters restart: the next identical request replays the first recording again. */
  reset(): void {
    this.#order.clear();
  }

  #loadIndex() {
    this.#index ??= this.#store.then(async (store) => {
      const index = new Map<string, { name: string; fixture: Fixture }>();
      for (const entry of await store.list()) {
        const problem = fixtureProblem(entry.fixture);
        if (problem) console.warn(`completions-mock: skipping fixture ${entry.name} in ${store.location}: ${problem}`);
        else index.set(entry.fixture.hash, entry);
      }
      return index;
    });
    // A failed load (an unreadable folder) is retried by the next request, not cached.
    this.#index.catch(() => {
      this.#index = undefined;
    });
    return this.#index;
  }

  async answer(req: FixtureRequest, fetchUpstream: Fetch): Promise<FixtureAnswer> {
    const identity = identityOf(req.method, req.endpoint, req.parsed, this.options.ignoreFields ?? DEFAULT_IGNORED_FIELDS);
    const order = this.#order.get(identity.key) ?? 0;
    this.#order.set(identity.key, order + 1);
    const hash = fixtureHash(identity, order);
    if (this.options.mode !== 'record') {
      const found = (await this.#loadIndex()).get(hash);
      if (found) return { plan: this.#replay(found.fixture), use: { outcome: 'replayed', name: found.name } };
      if (this.options.mode === 'replay') {
        const store = await this.#store;
        // Compared as it would have been stored: redacted, like the recordings, and safe to echo.
        const scrubber = new Scrubber(req.headers);
        const { message, closest } = explainMiss(
          req.method,
          scrubber.text(req.endpoint),
          scrubber.value(identity.body),
          [...(await this.#loadIndex()).values()],
          store.location,
        );
        return { plan: errorPlan({ status: 404, message, code: 'fixture_not_found' }), use: { outcome: 'missed' }, reason: `unmatched: ${closest ?? message}` };
      }
    }
    return this.#record(req, identity, order, hash, fetchUpstream);
  }

  #replay(fixture: Fixture): Plan {
    const { status, body, chunks } = fixture.response;
    // A hand-edited file may carry a length or framing header that no longer fits the body: the transport sets its own.
    const headers = replayHeaders(fixture.response.headers);
    if (chunks) {
      const events = chunks.map((c) => ({ ...(c.event ? { event: c.event } : {}), data: c.data, delayMs: this.options.replayTiming ? c.delayMs : 0 }));
      return { kind: 'stream', status, headers, events };
    }
    return typeof body === 'string' ? { kind: 'json', status, headers, body, raw: true } : { kind: 'json', status, headers, body };
  }

  async #record(req: FixtureRequest, identity: Identity, order: number, hash: string, fetchUpstream: Fetch): Promise<FixtureAnswer> {
    const base = this.options.upstream?.replace(/\/+$/, '');
    if (!base)
      return {
        plan: errorPlan({ status: 500, message: `Recording needs an upstream URL (--upstream), and mode ${this.options.mode} has none.` }),
        use: { outcome: 'missed' },
      };
    const endpoint = upstreamEndpoint(req.endpoint);
    if (endpoint === undefined)
      return {
        plan: errorPlan({
          status: 404,
          code: null,
          message: `Invalid URL (${req.method} ${req.path}): it climbs out of the API's path, so it is not forwarded.`,
        }),
        use: { outcome: 'missed' },
      };
    if (isCrossSite(req.headers)) {
      return {
        plan: errorPlan({ status: 403, code: null, message: 'Recording refuses requests sent by a web page of another site (Sec-Fetch-Site / Origin).' }),
        use: { outcome: 'missed' },
      };
    }
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      // accept-encoding is left to fetch, which decodes what it asked for.
      if (!HOP_BY_HOP.has(name) && name !== 'accept-encoding') forwarded[name] = value;
    }
    let response: Response;
    // Bounds the wait for the upstream's headers; a stream may then take as long as it takes.
    const timeout = new AbortController();
    const waitMs = this.options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS;
    const timer = setTimeout(() => timeout.abort(), waitMs);
    try {
      // The query goes along: Azure needs its ?api-version=.
      response = await fetchUpstream(`${base}${endpoint}${req.query ?? ''}`, {
        method: req.method,
        headers: forwarded,
        signal: timeout.signal,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: req.body }),
      });
    } catch (error) {
      if (timeout.signal.aborted) {
        return {
          use: { outcome: 'missed' },
          plan: errorPlan({ status: 504, type: 'server_error', message: `The upstream ${base} sent no answer within ${waitMs / 1000}s.` }),
        };
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      return { plan: errorPlan({ status: 502, type: 'server_error', message: `Could not reach the upstream ${base}: ${why}` }), use: { outcome: 'missed' } };
    } finally {
      clearTimeout(timer);
    }
    const store = await this.#store;
    // Bodies keep their content but lose the caller's credentials and anything shaped like a key.
    const scrubber = new Scrubber(req.headers);
    const fixture: Fixture = {
      version: FIXTURE_VERSION,
      hash,
      order,
      recordedAt: new Date(this.options.now()).toISOString(),
      request: { method: req.method, path: scrubber.text(endpoint), headers: keptHeaders(req.headers, scrubber), body: scrubber.value(identity.body) },
      response: { status: response.status, headers: responseHeaders(response, scrubber) },
    };
    const name = `${slugOf(scrubber.text(req.slug))}-${hash}.json`;
    const save = async () => {
      await store.save(name, fixture);
      (await this.#loadIndex()).set(hash, { name, fixture });
    };
    if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || !response.body) {
      fixture.response.body = scrubber.value(parseBody(await response.text()));
      await save();
      return { plan: this.#replay(fixture), use: { outcome: 'recorded', name } };
    }
    const recorder = new SseRecorder(this.options.now);
    const upstream = response.body;
    // Passed on as it arrives; saved only once the stream ended whole.
    async function* relay(): AsyncGenerator<Uint8Array> {
      const reader = upstream.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          recorder.push(value);
          yield value;
        }
        fixture.response.chunks = scrubber.value(recorder.events);
        await save();
      } finally {
        reader.releaseLock();
        void upstream.cancel().catch(() => {});
      }
    }
    return { plan: { kind: 'proxy', status: response.status, headers: { ...fixture.response.headers }, body: relay() }, use: { outcome: 'recorded', name } };
  }
}
