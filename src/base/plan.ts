/**
 * A plan is what the core decides to answer, as data. Transports (the Web
 * `fetch` handler, msw, node:http) only render it, so no response logic is
 * written twice.
 */

export type Headers = Record<string, string>;

/** One SSE event: its `event:` name if any, the `data:` payload and how long to wait before sending it. */
export interface StreamEvent {
  /** Named events (the Responses API names every one); chat completions send none. */
  event?: string;
  data: string;
  delayMs: number;
}

export interface JsonPlan {
  kind: 'json';
  status: number;
  headers: Headers;
  body: unknown;
  /** `body` is a string to send as it is (a replayed non-JSON answer). */
  raw?: boolean;
  /** Simulated latency before the answer is sent. */
  delayMs?: number;
}

export interface StreamPlan {
  kind: 'stream';
  status: number;
  headers: Headers;
  events: StreamEvent[];
  /**
   * The same events as one SSE text, when none of them waits and the endpoint wrote it in
   * one go: sent in their place unless the stream is cut (see unpacedText). A text joined
   * once is mostly flat; one concatenated event by event is a rope of hundreds of pieces,
   * and flattening it on the way to the socket cost more than making the events.
   */
  text?: string;
  /** Drop the connection after this many events (a fault), instead of finishing. */
  disconnectAfter?: number;
}

/** A network failure: the connection is dropped with no response at all. */
export interface FaultPlan {
  kind: 'fault';
  reason: string;
}

/** An upstream's answer, passed on as it arrives (recording). */
export interface ProxyPlan {
  kind: 'proxy';
  status: number;
  headers: Headers;
  body: AsyncIterable<Uint8Array>;
}

/** No answer at all, until the client gives up. */
export interface HangPlan {
  kind: 'hang';
}

export type Plan = JsonPlan | StreamPlan | ProxyPlan | FaultPlan | HangPlan;

/** The request as every transport can describe it, already read into memory. */
export interface MockRequest {
  method: string;
  /** Path without host or query, e.g. `/v1/chat/completions`. */
  path: string;
  /** The query string with its `?` (`?api-version=2024-06-01`), or '' / absent when none. */
  query?: string;
  /** Lower-cased header names. */
  headers: Headers;
  /** Raw body text ('' when none). */
  body: string;
}
