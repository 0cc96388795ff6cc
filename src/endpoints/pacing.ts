import { apiHeaders, JSON_TYPE, SSE_TYPE } from '../base/headers.js';
import { eventsOf } from '../base/frames.js';
import type { Headers, JsonPlan, StreamEvent, StreamPlan } from '../base/plan.js';
import type { ReplySpec } from '../scenarios/types.js';
import type { AnswerContext } from './endpoint.js';

/**
 * A reply's simulated latency, as delays in the plan. The mock drops them all
 * when latency is off, so endpoints always write them.
 */

/** The first token is due `firstTokenMs` after the request arrived, whatever generating took. */
function firstTokenDelay(reply: ReplySpec, now: number, started: number): number {
  return Math.max(0, (reply.latency?.firstTokenMs ?? 0) - (now - started));
}

/** The delays of a paced stream: `first` before the first payload, then `gap` before each of the rest. */
export interface Pace {
  first: number;
  gap: number;
}

type Timing = Pick<AnswerContext<unknown>, 'reply' | 'now' | 'started'>;

/** This answer's pace: the first token when the reply's latency says, the rest at `tokensPerSecond`. */
export function paceOf(ctx: Timing): Pace {
  const { reply } = ctx;
  return { first: firstTokenDelay(reply, ctx.now(), ctx.started), gap: reply.latency?.tokensPerSecond ? 1000 / reply.latency.tokensPerSecond : 0 };
}

/** Whether nothing in a stream paced so waits: every event is due at once. */
export const unpaced = (pace: Pace): boolean => pace.first === 0 && pace.gap === 0;

/** A 200 with a body already written as JSON text, held back until the reply's first token is due. */
export function jsonAnswer(body: string, ctx: Timing): JsonPlan {
  const now = ctx.now();
  const plan: JsonPlan = { kind: 'json', status: 200, headers: apiHeaders(JSON_TYPE, now - ctx.started), body, raw: true };
  const first = firstTokenDelay(ctx.reply, now, ctx.started);
  if (first > 0) plan.delayMs = first;
  return plan;
}

function sseHeaders(ctx: Timing): Headers {
  const headers = apiHeaders(SSE_TYPE, ctx.now() - ctx.started);
  headers['cache-control'] = 'no-cache';
  return headers;
}

/** A 200 SSE stream of events already paced. */
export function streamAnswer(events: StreamEvent[], ctx: Timing): StreamPlan {
  return { kind: 'stream', status: 200, headers: sseHeaders(ctx), events };
}

/**
 * A stream none of whose events waits, written in one go as `text`; its events are made
 * from it only when something asks for them (a stream a fault cuts is sent event by event).
 * A class, not an object literal with an accessor: those are built by the runtime, slowly.
 */
class TextStream implements StreamPlan {
  readonly kind = 'stream';
  readonly status = 200;
  #events: StreamEvent[] | undefined;
  constructor(
    readonly headers: Headers,
    public text: string | undefined,
  ) {}
  get events(): StreamEvent[] {
    return (this.#events ??= eventsOf(this.text!, 0, 0));
  }
  /** Events set anew are what is sent: the text no longer says the same. */
  set events(replaced: StreamEvent[]) {
    this.#events = replaced;
    this.text = undefined;
  }
}

/** A 200 stream written as one SSE text: sent so when nothing in it waits, else as its events, paced. */
export function sseAnswer(text: string, pace: Pace, ctx: Timing): StreamPlan {
  return unpaced(pace) ? new TextStream(sseHeaders(ctx), text) : streamAnswer(eventsOf(text, pace.first, pace.gap), ctx);
}
