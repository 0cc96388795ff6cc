import type { StreamPlan } from './plan.js';

/** One SSE frame as it goes on the wire, with the wait before it. */
export interface Frame {
  text: string;
  delayMs: number;
}

/**
 * What every transport sends for a stream plan: its frames, paced or not, and
 * whether the connection is cut after them (a `disconnectAfterChunks` fault
 * that lands before the stream's end). One definition, so transports agree.
 */
export function streamFrames(plan: StreamPlan, latency: boolean): { frames: Frame[]; cut: boolean; paced: boolean } {
  const cut = plan.disconnectAfter !== undefined && plan.disconnectAfter < plan.events.length;
  const events = cut ? plan.events.slice(0, plan.disconnectAfter) : plan.events;
  const frames = events.map((event) => ({ text: `data: ${event.data}\n\n`, delayMs: latency ? event.delayMs : 0 }));
  return { frames, cut, paced: frames.some((frame) => frame.delayMs > 0) };
}
