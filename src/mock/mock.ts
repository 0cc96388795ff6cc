import { serverError } from '../base/errors.js';
import { preflightHeaders } from '../base/headers.js';
import { whenLoaded } from '../base/lazy.js';
import { type Maybe, andThen, isPending } from '../base/maybe.js';
import { Lru } from '../base/lru.js';
import type { JsonPlan, MockRequest, Plan } from '../base/plan.js';
import { Scrubber } from '../base/redact.js';
import { fromFetchArguments, fromWebRequest, toWebResponse } from '../base/web.js';
import { chatCompletions } from '../endpoints/chat-completions/index.js';
import { embeddings } from '../endpoints/embeddings/index.js';
import type { AnswerContext, Endpoint } from '../endpoints/endpoint.js';
import { modelEndpoints } from '../endpoints/models/index.js';
import { responsesEndpoints } from '../endpoints/responses/index.js';
import { Registry, type Routed } from '../endpoints/registry.js';
import type { Fetch } from '../record/fixtures.js';
import { RuleSet, type Selected } from '../scenarios/rules.js';
import { scriptedError } from '../scenarios/scripted-error.js';
import type { ActionSpec, ReplySpec, Rule, Scenario } from '../scenarios/types.js';
import { checkAuth } from './auth.js';
import { fixturesFor } from './fixtures-from-options.js';
import { errorReason, shortReason } from './error-reason.js';
import { entrySize, Journal, scrubEntry, type JournalEntry, type RequestBody } from './journal.js';
import { checkOptions, type MockOptions } from './options.js';
import { endpointPath, notFound, type Outcome, parseBody, preflight, understand, type Understood, withoutDelays } from './pipeline.js';
import { hashString } from '../base/hash.js';

/** How a transport reaches the network, for recording (msw must bypass its own interception). */
export interface TransportOptions {
  fetch?: Fetch;
}

/** What one request produced: the plan to render, and its journal entry. */
export interface Handled {
  plan: Plan;
  /** Its journal entry, made when first asked for. */
  entry(): JournalEntry;
}

export interface ChatMock {
  /**
   * The whole mock as a Web-standard handler, with fetch's own signature, so it
   * can be a client's `fetch` as it is: `new OpenAI({ fetch: mock.fetch })`.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Every request received, oldest first (bounded). */
  readonly requests: readonly JournalEntry[];
  /** Prepend rules until `reset()`. */
  use(...rules: Rule[]): void;
  /** Replace the loaded scenarios (their counters restart). */
  setScenarios(scenarios: Scenario[]): void;
  /** Clear the journal, `use()` rules, sequence counters and endpoints' state (stored responses). */
  reset(): void;
  /** Clear the journal only. */
  clearRequests(): void;
  readonly seed: number;
  /** The endpoints served, in routing order (the msw handlers are made from them). */
  readonly endpoints: ReadonlyArray<Endpoint<any, any>>;
}

/** What the package's own transports use: a mock's answers as plans. Not part of the public API. */
export interface MockCore extends ChatMock {
  /** A request already read into memory -> its plan, journaled; at once when nothing needs loading or fetching. */
  handle(request: MockRequest, transport?: TransportOptions): Maybe<Handled>;
  /** `fetch` for transports: how to reach the network when recording (msw bypasses itself). */
  respond(request: Request, transport?: TransportOptions, signal?: AbortSignal): Promise<Response>;
  /** Record or replay is on: paths no endpoint serves are still answered (from fixtures). */
  readonly fixturesOn: boolean;
}

const cores = new WeakSet<object>();

/** The transport side of a mock made by `createMock`. */
export function coreOf(mock: ChatMock): MockCore {
  if (!cores.has(mock)) throw new TypeError('expected a mock made by createMock()');
  return mock as MockCore;
}

const NO_REPLY: ReplySpec = Object.freeze({});
const NOTHING_SELECTED: Selected = Object.freeze({});
const MAX_REMEMBERED_BODY = 64 * 1024;
const SIGHTED_TEXT = 4 * 1024;
// The journal keeps 1,000 entries: bodies past this size are summarised, not kept.
const MAX_JOURNALED_BODY = 256 * 1024;

/** What a body keeps per reply; most bodies only ever get the mock's own. */
function memoFor(known: Understood, reply: ReplySpec): Record<string, unknown> {
  if (reply === NO_REPLY) return (known.memo ??= {});
  const memos = (known.memos ??= new WeakMap());
  let memo = memos.get(reply);
  if (!memo) memos.set(reply, (memo = {}));
  return memo;
}

// A bug must still answer like the API does, never with a stack trace.
const failed = (error: unknown): Outcome => ({ plan: serverError(error) });

/**
 * A request's journal entry as it came, credentials still in it: scrubbed (`readable`) only
 * when the journal is first read, as most entries never are. It keeps no answer, and a JSON
 * body only as its text (`bodyText`, parsed when read): one string, where the parsed body is a
 * tree of objects the garbage collector would trace and copy for as long as the journal holds it.
 */
function journalEntry(req: MockRequest, plan: Plan, outcome: Outcome): { entry: JournalEntry; bodyText: string | undefined } {
  const { body } = outcome;
  const entry: JournalEntry = {
    time: '',
    method: req.method,
    path: req.path,
    headers: req.headers,
    body: null,
    // 0: no HTTP status was sent (a dropped connection or a hang).
    status: 'status' in plan ? plan.status : 0,
  };
  if (outcome.endpoint) entry.endpoint = outcome.endpoint;
  let bodyText: string | undefined;
  if (req.body.length > MAX_JOURNALED_BODY) entry.text = `[a body of ${req.body.length} characters, not kept]`;
  else if (body && typeof body === 'object' && !Array.isArray(body)) bodyText = req.body;
  else if (req.body) entry.text = req.body;
  if (outcome.rule) entry.matchedRule = outcome.rule;
  if (outcome.unmatched) entry.unmatched = outcome.unmatched;
  if (outcome.fixture) entry.fixture = outcome.fixture;
  const reason = outcome.reason ? shortReason(outcome.reason) : errorReason(plan);
  if (reason) entry.reason = reason;
  return { entry, bodyText };
}

/** The entry as the journal shows it: its time written, every credential its request carried scrubbed from it. */
function readable(entry: JournalEntry, started: number, bodyText: string | undefined): JournalEntry {
  const scrubber = new Scrubber(entry.headers);
  entry.time = new Date(started).toISOString();
  if (bodyText !== undefined) entry.body = JSON.parse(bodyText) as RequestBody;
  entry.headers = scrubber.headers(entry.headers);
  try {
    scrubEntry(entry, scrubber);
  } catch {
    // Nested too deep to walk (the API answered it a 400): shown without it, never unscrubbed.
    entry.body = null;
    entry.text = `[a body of ${bodyText?.length ?? entry.text?.length ?? 0} characters, nested too deeply to show]`;
  }
  return entry;
}

/**
 * Creates a mock of the OpenAI API. Every transport (msw, the node:http
 * server, `mock.fetch`) goes through the same pipeline.
 *
 * @example
 * const mock = createMock({ seed: 1 });
 * const res = await mock.fetch('http://x/v1/chat/completions', {
 *   method: 'POST',
 *   body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
 * });
 */
export function createMock(options: MockOptions = {}): ChatMock {
  checkOptions(options);
  const seed = options.seed ?? 0;
  const apiKeys = new Set(options.apiKeys ?? []);
  const journal = new Journal(options.journalLimit ?? 1000);
  const rules = new RuleSet(options.scenarios ?? []);
  // Date.now looked up per call, so fake timers installed after createMock still apply.
  const now = options.now ?? (() => Date.now());
  const latency = options.latency ?? true;
  const fixtures = fixturesFor(options, now);
  const served: Endpoint<any, any>[] = [...(options.endpoints ?? []), chatCompletions, ...responsesEndpoints(), embeddings];
  // The registry never changes after this: what it derives is derived once.
  const registry = new Registry([...served, ...modelEndpoints(() => registry.models())]);
  const preflightAnswer = preflightHeaders(registry.methods());
  const servedList = registry.served().join(', ');
  // Test suites repeat identical requests; reading and generation are pure, so their results are reused.
  const seen = new Map<Endpoint<any, any>, Lru<string, Understood>>();
  // A body is remembered from its second sighting: distinct prompts, most of a suite's
  // traffic, would only churn the cache (and the garbage collector). A body up to 4 KB is its
  // own sighting, whose hash the cache lookup has just computed natively (usually the string
  // the journal holds too; at most 1,000 of them, ~4 MB). A longer one is kept as a hash
  // (1,000 bodies of 64 KB would outweigh the journal); a collision only remembers a body one
  // sighting early.
  const sighted = new Set<string | number>();

  /** The body parsed and read by its endpoint; a body seen before is neither parsed nor read again. */
  function read(routed: Routed, raw: string): Understood | { ok: false; error: JsonPlan } {
    let known = seen.get(routed.endpoint);
    if (!known) seen.set(routed.endpoint, (known = new Lru(500)));
    // The raw body is the key as it is (no copy) unless path parameters tell requests apart too.
    const key = Object.keys(routed.params).length === 0 ? raw : `${JSON.stringify(routed.params)} ${raw}`;
    let found = known.get(key);
    if (!found) {
      const parsed = parseBody(raw);
      if (!parsed.ok) return parsed;
      found = understand(routed.endpoint, parsed.value, routed.params);
      // A read that used stored state (a previous response) is not reusable.
      const reusable = found.checked.ok && (routed.endpoint.remember?.(found.checked.value) ?? true);
      if (reusable && raw.length <= MAX_REMEMBERED_BODY) {
        const sighting = key.length <= SIGHTED_TEXT ? key : hashString(key);
        if (sighted.has(sighting)) known.set(key, found);
        else if (sighted.add(sighting).size > 1000) sighted.clear();
      }
    }
    return found;
  }

  // decide and answer run to the plan synchronously when nothing needs loading (see base/maybe.ts).
  function decide(req: MockRequest, started: number, transport: TransportOptions): Maybe<Outcome> {
    if (req.method === 'OPTIONS') return { plan: preflight(preflightAnswer) };
    const routed = registry.route(req.method, req.path);
    const denied = checkAuth(req, apiKeys);
    if (denied) return { plan: denied, endpoint: routed?.endpoint.name };
    if (!routed) return decideRead(req, undefined, undefined, started, transport);
    // Reading may need a module not loaded yet (Ajv for a caller's schema): loaded, then read again.
    return andThen(
      whenLoaded(() => read(routed, req.body)),
      (known) => decideRead(req, routed, known, started, transport),
    );
  }

  function decideRead(
    req: MockRequest,
    routed: Routed | undefined,
    known: ReturnType<typeof read> | undefined,
    started: number,
    transport: TransportOptions,
  ): Maybe<Outcome> {
    const endpoint = routed?.endpoint.name;
    if (known && 'ok' in known) return { plan: known.error, endpoint };
    const parsed = known ? undefined : parseBody(req.body);
    if (parsed && !parsed.ok) return { plan: parsed.error, endpoint };
    const body = known ? known.body : parsed!.value;
    // A matching rule answers first, then fixtures, then generation.
    // A rule's regex may need RE2 loaded first (in runtimes without require); select counts a call only on a match, so it can run again.
    const selecting: Maybe<Selected> =
      rules.size > 0 && known?.checked.ok ? whenLoaded(() => rules.select({ ...known.view, endpoint: endpoint!, headers: req.headers })) : NOTHING_SELECTED;
    // Every outcome is this one literal, whatever the answer held: one shape for the code that reads it (a spread made
    // several, and a repeated body cost 2-3x).
    return andThen(selecting, ({ action, rule, unmatched }) =>
      andThen(answer(req, routed, known, action, body, started, transport), ({ plan, fixture, reason }) => ({
        plan,
        endpoint,
        body,
        rule,
        unmatched,
        fixture,
        reason,
      })),
    );
  }

  type Answered = Pick<Outcome, 'plan' | 'fixture' | 'reason'>;

  function answer(
    req: MockRequest,
    routed: Routed | undefined,
    known: Understood | undefined,
    action: ActionSpec | undefined,
    body: unknown,
    started: number,
    transport: TransportOptions,
  ): Maybe<Answered> {
    if (action && 'error' in action) return { plan: scriptedError(action.error, known?.view.model ?? '') };
    if (!action && fixtures) return fromFixtures(req, routed, known, body, transport);
    if (!routed || !known) return { plan: notFound(req, servedList) };
    if (!known.checked.ok) return { plan: known.checked.error };
    const reply = action?.reply ?? NO_REPLY;
    if (reply.hang) return { plan: { kind: 'hang' } };
    const memo = memoFor(known, reply);
    const context: AnswerContext<Record<string, unknown>> = { seed, reply, params: routed.params, now, started, memo };
    return andThen(routed.endpoint.answer(known.checked.value, context), (plan) => {
      if (plan.kind === 'stream' && reply.disconnectAfterChunks !== undefined) plan.disconnectAfter = reply.disconnectAfterChunks;
      return { plan };
    });
  }

  async function fromFixtures(
    req: MockRequest,
    routed: Routed | undefined,
    known: Understood | undefined,
    body: unknown,
    transport: TransportOptions,
  ): Promise<Answered> {
    const path = endpointPath(routed, req.path);
    const slug = (known?.checked.ok ? routed?.endpoint.slug?.(known.checked.value) : undefined) ?? path;
    const answered = await fixtures!.answer({ ...req, endpoint: path, parsed: body, slug }, transport.fetch ?? ((input, init) => fetch(input, init)));
    return { plan: answered.plan, fixture: answered.use, reason: answered.reason };
  }

  function handle(req: MockRequest, transport: TransportOptions = {}): Maybe<Handled> {
    const started = now();
    let outcome: Maybe<Outcome>;
    try {
      outcome = decide(req, started, transport);
    } catch (error) {
      outcome = failed(error);
    }
    if (isPending(outcome)) {
      return Promise.resolve(outcome).then(
        (decided) => journaled(req, started, decided),
        (error: unknown) => journaled(req, started, failed(error)),
      );
    }
    return journaled(req, started, outcome);
  }

  function journaled(req: MockRequest, started: number, outcome: Outcome): Handled {
    const plan = latency ? outcome.plan : withoutDelays(outcome.plan);
    // Header values must be Latin-1; rule names may be anything.
    if ('headers' in plan && outcome.rule) plan.headers['x-mock-rule'] = outcome.rule.replace(/[^\x20-\x7e]+/g, encodeURIComponent);
    const { entry, bodyText } = journalEntry(req, plan, outcome);
    // A body too big to keep is charged for the note that replaces it.
    const size = entrySize(entry.path, entry.headers, bodyText?.length ?? entry.text?.length ?? 0, entry.unmatched);
    let shown: JournalEntry | undefined;
    const read = () => (shown ??= readable(entry, started, bodyText));
    journal.add(read, size);
    return { plan, entry: read };
  }

  /** `lazyText`: mock.fetch's JSON answers read back without a stream (see toWebResponse). */
  async function respond(
    request: Request,
    transport: TransportOptions = {},
    signal: AbortSignal | undefined = request.signal,
    lazyText = false,
  ): Promise<Response> {
    const { plan } = await handle(await fromWebRequest(request), transport);
    return toWebResponse(plan, signal, lazyText);
  }

  const mock: MockCore = {
    seed,
    endpoints: registry.endpoints,
    fixturesOn: fixtures !== undefined,
    handle,
    respond,
    // Like fetch, every failure is a rejection (a bad URL too).
    async fetch(input, init) {
      const read = fromFetchArguments(input, init);
      const request = read ? undefined : input instanceof Request && init === undefined ? input : new Request(input, init);
      // init's own signal: a Request built from it does not always follow its abort (seen under vitest).
      const signal = init?.signal ?? request?.signal;
      // Like fetch: an already-aborted signal rejects with its reason (an AbortError by default).
      if (signal?.aborted) throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
      if (read) return toWebResponse((await handle(read)).plan, signal ?? undefined, true);
      return respond(request!, {}, signal, true);
    },
    get requests() {
      return journal.entries;
    },
    use: (...added) => rules.use(added),
    setScenarios: (scenarios) => rules.setScenarios(scenarios),
    clearRequests: () => journal.clear(),
    reset() {
      journal.clear();
      sighted.clear();
      rules.reset();
      fixtures?.reset();
      for (const endpoint of registry.endpoints) endpoint.reset?.();
    },
  };
  cores.add(mock);
  return mock;
}
