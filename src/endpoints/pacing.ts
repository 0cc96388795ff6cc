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

/** Stream payloads (named or not) paced by the reply: the first after `first` ms, the rest at `tokensPerSecond`. */
export function paced(items: ReadonlyArray<string | { event: string; data: string }>, reply: ReplySpec, first: number): StreamEvent[] {
  const gap = reply.latency?.tokensPerSecond ? 1000 / reply.latency.tokensPerSecond : 0;
  return items.map((item, i) => {
    const delayMs = i === 0 ? first : gap;
    return typeof item === 'string' ? { data: item, delayMs } : { event: item.event, data: item.data, delayMs };
  });
}
