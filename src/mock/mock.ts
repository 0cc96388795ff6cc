import { serverError } from '../base/errors.js';
import { Lru } from '../base/lru.js';
import type { MockRequest, Plan } from '../base/plan.js';
import { redactHeaders } from '../base/redact.js';
import { fromWebRequest, toWebResponse } from '../base/web.js';
import { chatCompletions } from '../endpoints/chat-completions/index.js';
import type { AnswerContext, Endpoint } from '../endpoints/endpoint.js';
import { modelEndpoints } from '../endpoints/models/index.js';
import { responsesEndpoints } from '../endpoints/responses/index.js';
import { Registry, type Routed } from '../endpoints/registry.js';
import type { Fetch } from '../record/fixtures.js';
import { RuleSet } from '../scenarios/rules.js';
import { scriptedError } from '../scenarios/scripted-error.js';
import type { ReplySpec, Rule, Scenario } from '../scenarios/types.js';
import { checkAuth } from './auth.js';
import { fixturesFor } from './fixtures-from-options.js';
import { Journal, type JournalEntry, type RequestBody } from './journal.js';
import { checkOptions, type MockOptions } from './options.js';
import { endpointPath, notFound, type Outcome, parseBody, preflight, understand, type Understood, withoutDelays } from './pipeline.js';

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
  /** A request already read into memory -> its plan, journaled. */
  handle(request: MockRequest, transport?: TransportOptions): Promise<Handled>;
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
const MAX_REMEMBERED_BODY = 64 * 1024;
// The journal keeps 1,000 entries: bodies past this size are summarised, not kept.
const MAX_JOURNALED_BODY = 256 * 1024;

function journalBody(raw: string, parsed: unknown): Pick<JournalEntry, 'body' | 'text'> {
  if (raw.length > MAX_JOURNALED_BODY) return { body: null, text: `[a body of ${raw.length} characters, not kept]` };
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as RequestBody };
  return raw ? { body: null, text: raw } : { body: null };
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
  const served: Endpoint<any, any>[] = [...(options.endpoints ?? []), chatCompletions, ...responsesEndpoints()];
  const registry = new Registry([...served, ...modelEndpoints(() => registry.models())]);
  // Test suites repeat identical requests; reading and generation are pure, so their results are reused.
  const seen = new Lru<string, Understood>(500);

  function read(routed: Routed, raw: string, body: unknown): Understood {
    const key = `${routed.endpoint.name} ${JSON.stringify(routed.params)} ${raw}`;
    let known = seen.get(key);
    if (!known) {
      known = understand(routed.endpoint, body, routed.params);
      const reusable = known.checked.ok && (routed.endpoint.remember?.(known.checked.value) ?? true);
      if (reusable && raw.length <= MAX_REMEMBERED_BODY) seen.set(key, known);
    }
    return known;
  }

  async function decide(req: MockRequest, started: number, transport: TransportOptions): Promise<Outcome> {
    if (req.method === 'OPTIONS') return { plan: preflight(registry) };
    const routed = registry.route(req.method, req.path);
    const endpoint = routed?.endpoint.name;
    const denied = checkAuth(req, apiKeys);
    if (denied) return { plan: denied, endpoint };
    const parsed = parseBody(req.body);
    if (!parsed.ok) return { plan: parsed.error, endpoint };
    const body = parsed.value;
    const known = routed ? read(routed, req.body, body) : undefined;

    // A matching rule answers first, then fixtures, then generation.
    const selected = known?.checked.ok ? rules.select({ ...known.view, endpoint: endpoint!, headers: req.headers }) : {};
    const found = { endpoint, body, rule: selected.rule, unmatched: selected.unmatched };
    const action = selected.action;
    if (action && 'error' in action) return { ...found, plan: scriptedError(action.error, known?.view.model ?? '') };
    if (!action && fixtures) {
      const slug = (known?.checked.ok ? routed?.endpoint.slug?.(known.checked.value) : undefined) ?? endpointPath(routed, req.path);
      const answer = await fixtures.answer({ ...req, endpoint: endpointPath(routed, req.path), parsed: body, slug }, transport.fetch ?? ((input, init) => fetch(input, init)));
      return { ...found, plan: answer.plan, fixture: answer.use };
    }
    if (!routed || !known) return { ...found, plan: notFound(req) };
    if (!known.checked.ok) return { ...found, plan: known.checked.error };
    const reply = action?.reply ?? NO_REPLY;
    if (reply.hang) return { ...found, plan: { kind: 'hang' } };
    let memo = known.memos.get(reply);
    if (!memo) known.memos.set(reply, (memo = {}));
    const context: AnswerContext<Record<string, unknown>> = { seed, reply, params: routed.params, now, started, memo };
    const plan = await routed.endpoint.answer(known.checked.value, context);
    if (plan.kind === 'stream' && reply.disconnectAfterChunks !== undefined) plan.disconnectAfter = reply.disconnectAfterChunks;
    return { ...found, plan };
  }

  async function handle(req: MockRequest, transport: TransportOptions = {}): Promise<Handled> {
    const started = now();
    let outcome: Outcome;
    try {
      outcome = await decide(req, started, transport);
    } catch (error) {
      // A bug must still answer like the API does, never with a stack trace.
      outcome = { plan: serverError(error) };
    }
    const plan = latency ? outcome.plan : withoutDelays(outcome.plan);
    const entry: JournalEntry = {
      time: new Date(started).toISOString(),
      method: req.method,
      path: req.path,
      ...(outcome.endpoint ? { endpoint: outcome.endpoint } : {}),
      headers: redactHeaders(req.headers),
      ...journalBody(req.body, outcome.body),
      // 0: no HTTP status was sent (a dropped connection or a hang).
      status: 'status' in plan ? plan.status : 0,
      ...(outcome.rule ? { matchedRule: outcome.rule } : {}),
      ...(outcome.unmatched ? { unmatched: outcome.unmatched } : {}),
      ...(outcome.fixture ? { fixture: outcome.fixture } : {}),
    };
    // Header values must be Latin-1; rule names may be anything.
    if ('headers' in plan && outcome.rule) plan.headers['x-mock-rule'] = outcome.rule.replace(/[^\x20-\x7e]+/g, encodeURIComponent);
    journal.add(entry);
    return { plan, entry };
  }

  async function respond(request: Request, transport: TransportOptions = {}, signal: AbortSignal | undefined = request.signal): Promise<Response> {
    const { plan } = await handle(await fromWebRequest(request), transport);
    return toWebResponse(plan, signal);
  }

  const mock: MockCore = {
    seed,
    endpoints: registry.endpoints,
    fixturesOn: fixtures !== undefined,
    handle,
    respond,
    fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      // init's own signal: a Request built from it does not always follow its abort (seen under vitest).
      return respond(request, {}, init?.signal ?? request.signal);
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
      for (const endpoint of registry.endpoints) endpoint.reset?.();
    },
  };
  cores.add(mock);
  return mock;
}
