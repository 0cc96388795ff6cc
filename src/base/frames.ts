import type { StreamPlan } from './plan.js';

/** One SSE frame as it goes on the wire, with the wait before it. */
export interface Frame {
  text: string;
  delayMs: number;
}

/**
 * What every transport sends for a stream plan: its frames with their delays, and
 * whether the connection is cut after them (a `disconnectAfterChunks` fault
 * that lands before the stream's end). One definition, so transports agree.
 */
export function streamFrames(plan: StreamPlan): { frames: Frame[]; cut: boolean } {
  const cut = plan.disconnectAfter !== undefined && plan.disconnectAfter < plan.events.length;
  const events = cut ? plan.events.slice(0, plan.disconnectAfter) : plan.events;
  const frames = events.map((event) => ({
    text: event.event ? `event: ${event.event}\ndata: ${event.data}\n\n` : `data: ${event.data}\n\n`,
    delayMs: event.delayMs,
  }));
  return { frames, cut };
}

/**
 * The whole stream as one text when nothing in it waits and it is not cut, else
 * undefined: what transports send at once, built without a frame per event.
 */
export function unpacedText(plan: StreamPlan): string | undefined {
  const { events } = plan;
  if (plan.disconnectAfter !== undefined && plan.disconnectAfter < events.length) return undefined;
  let text = '';
  for (const event of events) {
    if (event.delayMs > 0) return undefined;
    text += event.event ? `event: ${event.event}\ndata: ${event.data}\n\n` : `data: ${event.data}\n\n`;
  }
  return text;
}
