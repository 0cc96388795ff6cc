import type { Rule, Scenario } from '../scenarios/types.js';
import { RuleSet } from '../scenarios/rules.js';
import type { ChatCompletionRequest } from '../spec/types.js';
import { validateRequest } from '../spec/validate-request.js';
import { checkAuth } from './auth.js';
import { generateChat, renderChat, type Rendered } from './chat.js';
import { Lru } from './lru.js';
import type { ReplySpec } from '../scenarios/types.js';
import { errorPlan, invalidRequest, serverError } from './errors.js';
import { Journal, scrubEntry, type JournalEntry } from './journal.js';
import { listModels, retrieveModel } from './models-endpoint.js';
import type { MockRequest, Plan } from './plan.js';
import { Scrubber } from './redact.js';
import { fromWebRequest, toWebResponse } from './web.js';
import { route } from './router.js';
import { PREFLIGHT_HEADERS } from './headers.js';
import type { Fetch, Mode } from '../record/fixtures.js';
import { fixturesFor } from '../record/from-options.js';
import type { FixtureStore } from '../record/store.js';
import { scriptedError } from './scripted-error.js';
import { unsatisfiableSchema } from '../generate/schema-check.js';

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
}

/** How a transport reaches the network, for recording (msw must bypass its own interception). */
export interface TransportOptions {
  fetch?: Fetch;
}

/** What one request produced: the plan to render, and its journal entry. */
export interface Handled {
  plan: Plan;
  entry: JournalEntry;
}

export interface ChatMock {
  /**
   * The whole mock as a Web-standard handler, with fetch's own signature, so it
   * can be a client's `fetch` as it is: `new OpenAI({ fetch: mock.fetch })`.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** `fetch` for transports: how to reach the network when recording (msw bypasses itself). */
  respond(request: Request, transport?: TransportOptions, signal?: AbortSignal): Promise<Response>;
  /** Transport-level entry: the plan for a request already read into memory. */
  handle(request: MockRequest, transport?: TransportOptions): Promise<Handled>;
  /** Every request received, oldest first (bounded). */
  readonly requests: readonly JournalEntry[];
  /** Prepend rules until `reset()`. */
  use(...rules: Rule[]): void;
  /** Replace the loaded scenarios (their counters restart). */
  setScenarios(scenarios: Scenario[]): void;
  /** Clear the journal, `use()` rules and sequence counters. */
  reset(): void;
  /** Clear the journal only. */
  clearRequests(): void;
  readonly seed: number;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A body already parsed and validated, with what it generated per scenario reply. */
interface KnownRequest {
  request: ChatCompletionRequest;
  /** Keyed by the reply object, so replies of rules dropped by reset() are collected. */
  rendered: WeakMap<ReplySpec, Rendered>;
}

const NO_REPLY: ReplySpec = Object.freeze({});
const MAX_REMEMBERED_BODY = 64 * 1024;
// The journal keeps 1,000 entries: bodies past this size are summarised, not kept.
const MAX_JOURNALED_BODY = 256 * 1024;
const journaled = (text: string) => (text.length <= MAX_JOURNALED_BODY ? text : `[a body of ${text.length} characters, not kept]`);
/** The parsed body replaces the raw text in the journal, unless the body was too big to keep. */
function journalBody(entry: JournalEntry, raw: string, parsed: unknown): void {
  if (raw.length <= MAX_JOURNALED_BODY) entry.body = parsed;
}

const PARSE_ERROR =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

const OPTION_NAMES = ['seed', 'scenarios', 'apiKeys', 'latency', 'journalLimit', 'now', 'fixtures', 'mode', 'upstream', 'ignoreFields', 'replayTiming', 'upstreamTimeoutMs'];

/** Misuse from JavaScript (no compiler to catch it) throws a TypeError that says what is wrong. */
function checkOptions(options: MockOptions & Record<string, unknown>): void {
  const unknown = Object.keys(options).filter((key) => !OPTION_NAMES.includes(key));
  if (unknown.length > 0) throw new TypeError(`createMock: unknown option ${unknown.map((k) => `'${k}'`).join(', ')}; known: ${OPTION_NAMES.join(', ')}`);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new TypeError(`createMock: seed must be an integer, not ${JSON.stringify(options.seed)}`);
  if (options.scenarios !== undefined && !Array.isArray(options.scenarios)) throw new TypeError('createMock: scenarios must be an array of scenarios ({ rules: [...] })');
  if (options.apiKeys !== undefined && !(Array.isArray(options.apiKeys) && options.apiKeys.every((k) => typeof k === 'string'))) {
    throw new TypeError('createMock: apiKeys must be an array of strings');
  }
}

/**
 * Creates a mock of the Chat Completions API. Every transport (msw, the
 * node:http server, `mock.fetch`) goes through `handle`.
 *
 * @example
 * const mock = createMock({ seed: 1 });
 * const res = await mock.fetch(new Request('http://x/v1/chat/completions', {
 *   method: 'POST',
 *   body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
 * }));
 */
export function createMock(options: MockOptions = {}): ChatMock {
  checkOptions(options as MockOptions & Record<string, unknown>);
  const seed = options.seed ?? 0;
  const apiKeys = new Set(options.apiKeys ?? []);
  const journal = new Journal(options.journalLimit ?? 1000);
  const rules = new RuleSet(options.scenarios ?? []);
  // Date.now looked up per call, so fake timers installed after createMock still apply.
  const ctx = { seed, now: options.now ?? (() => Date.now()), latency: options.latency ?? true };
  // Test suites repeat identical requests; generation is pure, so its result is reused.
  const seen = new Lru<string, KnownRequest>(500);
  const fixtures = fixturesFor(options, ctx.now);

  async function planFor(req: MockRequest, entry: JournalEntry, transport: TransportOptions): Promise<Plan> {
    const target = route(req.method, req.path);
    if (target.endpoint === 'unknown') {
      return errorPlan({ status: 404, message: `Invalid URL (${req.method} ${req.path})`, code: null });
    }
    if (target.endpoint === 'preflight') return { kind: 'json', status: 204, headers: { ...PREFLIGHT_HEADERS }, body: '', raw: true };
    const denied = checkAuth(req, apiKeys);
    if (denied) return denied;
    if (fixtures) {
      const parsed = req.body ? parseJson(req.body) : { ok: true as const, value: null };
      if (!parsed.ok) return invalidRequest(PARSE_ERROR);
      journalBody(entry, req.body, parsed.value);
      const { plan, use } = await fixtures.answer(req, parsed.value, transport.fetch ?? ((input, init) => fetch(input, init)));
      entry.fixture = use;
      return plan;
    }
    if (target.endpoint === 'models') return listModels();
    if (target.endpoint === 'model') return retrieveModel(target.id);

    const started = ctx.now();
    let known = seen.get(req.body);
    if (!known) {
      const parsed = parseJson(req.body);
      if (!parsed.ok) return invalidRequest(PARSE_ERROR);
      journalBody(entry, req.body, parsed.value);
      const invalid = validateRequest(parsed.value) ?? unsatisfiableSchema(parsed.value as ChatCompletionRequest);
      if (invalid) return invalid;
      known = { request: parsed.value as ChatCompletionRequest, rendered: new WeakMap() };
      if (req.body.length <= MAX_REMEMBERED_BODY) seen.set(req.body, known);
    }
    const body = known.request;
    journalBody(entry, req.body, body);

    const selected = rules.select(body, req.headers);
    if (selected.rule) entry.matchedRule = selected.rule;
    if (selected.unmatched) entry.unmatched = selected.unmatched;
    const action = selected.action;
    if (action && 'error' in action) return scriptedError(action.error, body.model);
    const reply = action?.reply ?? NO_REPLY;
    let rendered = known.rendered.get(reply);
    if (!rendered) {
      const result = await generateChat(body, reply, seed);
      if ('kind' in result) return result;
      rendered = { generated: result };
      known.rendered.set(reply, rendered);
    }
    return renderChat(body, rendered, reply, ctx, started);
  }

  async function handle(req: MockRequest, transport: TransportOptions = {}): Promise<Handled> {
    const scrubber = new Scrubber(req.headers);
    const entry: JournalEntry = {
      time: new Date(ctx.now()).toISOString(),
      method: req.method,
      path: req.path,
      headers: scrubber.headers(req.headers),
      body: journaled(req.body),
      status: 0,
    };
    let plan: Plan;
    try {
      plan = await planFor(req, entry, transport);
    } catch (error) {
      // A bug must still answer like the API does, never with a stack trace.
      plan = serverError(error);
    }
    // 0: no HTTP status was sent (a dropped connection or a hang).
    entry.status = 'status' in plan ? plan.status : 0;
    // Header values must be Latin-1; rule names may be anything.
    if ('headers' in plan && entry.matchedRule) plan.headers['x-mock-rule'] = entry.matchedRule.replace(/[^\x20-\x7e]+/g, encodeURIComponent);
    scrubEntry(entry, scrubber, req.body);
    journal.add(entry, Math.min(req.body.length, MAX_JOURNALED_BODY));
    return { plan, entry };
  }

  async function respond(request: Request, transport: TransportOptions = {}, signal: AbortSignal | undefined = request.signal): Promise<Response> {
    const { plan } = await handle(await fromWebRequest(request), transport);
    return toWebResponse(plan, ctx.latency, signal);
  }

  return {
    seed,
    handle,
    respond,
    fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      // init's own signal: a Request built from it does not always follow its abort (seen under vitest).
      const signal = init?.signal ?? request.signal;
      // Like fetch: an already-aborted signal rejects with its reason (an AbortError by default).
      if (signal?.aborted) return Promise.reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      return respond(request, {}, signal);
    },
    get requests() {
      return journal.entries;
    },
    use: (...added) => rules.use(added),
    setScenarios: (scenarios) => rules.setScenarios(scenarios),
    clearRequests: () => journal.clear(),
    reset() {
      journal.clear();
      rules.reset();
      fixtures?.reset();
    },
  };
}
