import type { StreamEvent } from '../base/plan.js';
import type { ReplySpec } from '../scenarios/types.js';

/**
 * A reply's simulated latency, as delays in the plan. The mock drops them all
 * when latency is off, so endpoints always write them.
 */

/** The first token is due `firstTokenMs` after the request arrived, whatever generating took. */
export function firstTokenDelay(reply: ReplySpec, now: number, started: number): number {
  return Math.max(0, (reply.latency?.firstTokenMs ?? 0) - (now - started));
}

/** The delays of a paced stream: `first` before the first payload, then `gap` before each of the rest. */
export interface Pace {
  first: number;
  gap: number;
}

/** A reply's pace: the rest come at `tokensPerSecond`. */
export function pace(reply: ReplySpec, first: number): Pace {
  return { first, gap: reply.latency?.tokensPerSecond ? 1000 / reply.latency.tokensPerSecond : 0 };
}

/** Stream payloads (named or not) paced by the reply. */
export function paced(items: ReadonlyArray<string | { event: string; data: string }>, reply: ReplySpec, first: number): StreamEvent[] {
  const { gap } = pace(reply, first);
  return items.map((item, i) => {
    const delayMs = i === 0 ? first : gap;
    return typeof item === 'string' ? { data: item, delayMs } : { event: item.event, data: item.data, delayMs };
  });
}
