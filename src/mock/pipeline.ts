import { errorPlan, invalidRequest } from '../base/errors.js';
import type { Headers, MockRequest, Plan } from '../base/plan.js';
import type { Checked, Endpoint, RequestView } from '../endpoints/endpoint.js';
import { relativePath, type Routed } from '../endpoints/registry.js';
import type { FixtureUse } from '../record/fixtures.js';

/**
 * The stages a request goes through, each returning what it found:
 * route -> auth -> read -> rule | fixture | generate -> annotate.
 * `createMock` strings them together.
 */

/** What answering one request found out, for the journal and the log. */
export interface Outcome {
  plan: Plan;
  endpoint?: string | undefined;
  /** The parsed body (undefined when it was not JSON). */
  body?: unknown;
  rule?: string | undefined;
  unmatched?: string | undefined;
  fixture?: FixtureUse | undefined;
  /** Why the answer is an error, when the stage that answered knows better than the error's body says. */
  reason?: string | undefined;
}

const PARSE_ERROR =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

export function parseBody(text: string): Checked<unknown> {
  if (!text) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: invalidRequest(PARSE_ERROR) };
  }
}

/** The answer to a browser's CORS preflight (any origin, the methods the endpoints use), made per request from headers made once. */
export function preflight(headers: Headers): Plan {
  return { kind: 'json', status: 204, headers: { ...headers }, body: '', raw: true };
}

/**
 * A path no endpoint serves: the real API's status, type and code, with a
 * message that says what the mock does serve, so a call to an endpoint it
 * does not mock (`POST /v1/audio/speech`) is not mistaken for a typo.
 */
export function notFound(req: MockRequest, served: string): Plan {
  return errorPlan({ status: 404, code: null, message: `completions-mock does not mock ${req.method} ${req.path}; it serves ${served}` });
}

/** A body read by its endpoint, with what it generated per reply, kept while identical bodies come. */
export interface Understood {
  /** The parsed JSON body. */
  body: unknown;
  checked: Checked<unknown>;
  view: RequestView;
  /** What was generated for the mock's own reply (no rule's). */
  memo?: Record<string, unknown>;
  /** The same per rule reply, keyed by the reply object so replies of rules dropped by reset() are collected. Made when first needed. */
  memos?: WeakMap<object, Record<string, unknown>>;
}

export function understand(endpoint: Endpoint<any, any>, body: unknown, params: Record<string, string>): Understood {
  const checked: Checked<unknown> = endpoint.read ? endpoint.read(body, params) : { ok: true, value: body };
  const view = checked.ok && endpoint.view ? endpoint.view(checked.value) : {};
  return { body, checked, view };
}

/** The path after the caller's prefix: the endpoint's, or a guess for paths no endpoint serves. */
export const endpointPath = (routed: Routed | undefined, path: string): string => routed?.relative ?? relativePath(path);

/** A reply's simulated delays, dropped when latency is off: decided here once, so transports render plans as they are. */
export function withoutDelays(plan: Plan): Plan {
  if (plan.kind === 'json' && plan.delayMs) return { ...plan, delayMs: 0 };
  if (plan.kind === 'stream' && plan.text === undefined && plan.events.some((e) => e.delayMs > 0))
    return { ...plan, events: plan.events.map((e) => ({ ...e, delayMs: 0 })) };
  return plan;
}
