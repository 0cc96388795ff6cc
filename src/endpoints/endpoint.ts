import { apiHeaders, JSON_TYPE } from '../base/headers.js';
import type { JsonPlan, Plan } from '../base/plan.js';
import type { ReplySpec } from '../scenarios/types.js';
import type { MatchView } from '../scenarios/match.js';
import type { ModelInfo } from '../spec/models.js';

/** A value, or the error answer that replaces it: validation returns errors, never throws them. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: JsonPlan };

/** A 200 with a JSON value as its body: what the state endpoints (models, stored responses) answer. */
export const jsonOk = (body: unknown): JsonPlan => ({ kind: 'json', status: 200, headers: apiHeaders(JSON_TYPE, 1), body });

/** What scenario rules see of a request, whatever its endpoint: the endpoint's part of a `MatchView` (model, conversation, stream). */
export type RequestView = Omit<MatchView, 'endpoint' | 'headers'>;

export interface AnswerContext<Memo> {
  /** The mock's seed. */
  seed: number;
  /** The matching rule's reply, or an empty one: generate everything. */
  reply: ReplySpec;
  /** Path parameters: `{id}` in `/models/{id}`. */
  params: Readonly<Record<string, string>>;
  /** Clock (ms): `created` fields and latency. */
  now(): number;
  /** When the request arrived: a first token's latency counts from here. */
  started: number;
  /**
   * Kept per (request body, reply): generation is pure, so an identical request
   * reuses what the first one generated and encoded.
   */
  memo: Partial<Memo>;
}

/**
 * One endpoint of the API, declared once: the router, the msw handlers, the
 * recorder, CORS, the 404 text and the model list all derive from these.
 */
export interface Endpoint<Req = unknown, Memo = Record<string, unknown>> {
  /** Its name in `match.endpoint`, the journal and the log: `chat.completions`. */
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** The path after any prefix the client's base URL adds: `/chat/completions`, `/models/{id}` (`{id+}` may hold slashes). */
  path: string;
  /** The parsed JSON body (null when there is none) as the endpoint's request, or the real API's 400. Default: the body as it is. */
  read?(body: unknown, params: Readonly<Record<string, string>>): Checked<Req>;
  /** The request as rules and the journal see it. */
  view?(request: Req): RequestView;
  /** The answer: generated, or as the reply of a matching rule says. */
  answer(request: Req, context: AnswerContext<Memo>): Plan | Promise<Plan>;
  /** A readable fixture-file prefix (the last user message, say). */
  slug?(request: Req): string | undefined;
  /** Models served by this endpoint, listed by `GET /models`. */
  models?: readonly ModelInfo[];
  /** Whether a read may be reused for an identical body (default true); false when it depended on the endpoint's state. */
  remember?(request: Req): boolean;
  /** Forget the endpoint's own state (stored responses, ...): called by `mock.reset()`. */
  reset?(): void;
}

/** Types an endpoint definition (for endpoints of your own: `createMock({ endpoints: [...] })`). */
export function defineEndpoint<Req, Memo = Record<string, unknown>>(endpoint: Endpoint<Req, Memo>): Endpoint<Req, Memo> {
  return endpoint;
}
