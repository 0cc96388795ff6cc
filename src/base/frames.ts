import type { StreamEvent, StreamPlan } from './plan.js';

/** One SSE frame as it goes on the wire, with the wait before it. */
export interface Frame {
  text: string;
  delayMs: number;
}

const frameText = (event: StreamEvent): string => (event.event ? `event: ${event.event}\ndata: ${event.data}\n\n` : `data: ${event.data}\n\n`);

/** Whether the connection is cut before the stream's end (a `disconnectAfterChunks` fault). */
const isCut = (plan: StreamPlan): boolean => plan.disconnectAfter !== undefined && plan.disconnectAfter < plan.events.length;

/**
 * What every transport sends for a stream plan: its frames with their delays, and
 * whether the connection is cut after them. Events due at the same time as the
 * one before are one frame (how a stream is split into chunks is no part of it).
 * One definition, so transports agree.
 */
export function streamFrames(plan: StreamPlan): { frames: Frame[]; cut: boolean } {
  const cut = isCut(plan);
  const frames: Frame[] = [];
  for (const event of cut ? plan.events.slice(0, plan.disconnectAfter) : plan.events) {
    const last = frames.at(-1);
    if (last && event.delayMs === 0) last.text += frameText(event);
    else frames.push({ text: frameText(event), delayMs: event.delayMs });
  }
  return { frames, cut };
}

/**
 * The whole stream as one text when nothing in it waits and it is not cut, else
 * undefined: what transports send at once, built without a frame per event.
 */
export function unpacedText(plan: StreamPlan): string | undefined {
  if (isCut(plan)) return undefined;
  if (plan.text !== undefined) return plan.text;
  let text = '';
  for (const event of plan.events) {
    if (event.delayMs > 0) return undefined;
    text += frameText(event);
  }
  return text;
}

/**
 * The events of an SSE text as frameText writes them (its inverse), the first due after
 * `firstMs` and each of the rest `gapMs` after the one before: a stream an endpoint wrote
 * in one go, made into events when it waits or is cut.
 */
export function eventsOf(text: string, firstMs: number, gapMs: number): StreamEvent[] {
  const events: StreamEvent[] = [];
  for (let at = 0; at < text.length;) {
    const ended = text.indexOf('\n\n', at);
    // Text that does not end its last frame (no endpoint writes one) ends the frame where it ends.
    const end = ended < 0 ? text.length : ended;
    const delayMs = events.length === 0 ? firstMs : gapMs;
    if (text.startsWith('event: ', at)) {
      const line = text.indexOf('\n', at);
      events.push({ event: text.slice(at + 7, line), data: text.slice(line + 7, end), delayMs });
    } else events.push({ data: text.slice(at + 6, end), delayMs });
    at = end + 2;
  }
  return events;
}
