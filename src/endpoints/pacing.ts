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

/** Stream payloads paced by the reply: the first after `first` ms, the rest at `tokensPerSecond`. */
export function paced(data: readonly string[], reply: ReplySpec, first: number, event?: string): StreamEvent[] {
  const gap = reply.latency?.tokensPerSecond ? 1000 / reply.latency.tokensPerSecond : 0;
  return data.map((payload, i) => (event ? { event, data: payload, delayMs: i === 0 ? first : gap } : { data: payload, delayMs: i === 0 ? first : gap }));
}
