import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Frame, streamFrames, unpacedText } from '../base/frames.js';
import type { JsonPlan, Plan, ProxyPlan, StreamPlan } from '../base/plan.js';
import { Outlet } from './outlet.js';

/** How a rendered answer ended, for the request log. */
export type Outcome = 'sent' | 'dropped' | 'aborted';

/**
 * Renders a core plan on a node:http response. Nothing here decides what to
 * answer; it only writes what the plan says, with its simulated timing.
 */
export function render(plan: Plan, req: IncomingMessage, res: ServerResponse): Promise<Outcome> | Outcome {
  switch (plan.kind) {
    case 'fault':
      // A network failure: no status line, no bytes.
      req.socket.destroy();
      return 'dropped';
    case 'json':
      if (plan.delayMs) return delayedJson(plan, res, plan.delayMs);
      sendJson(plan, res);
      return 'sent';
    case 'stream':
      return renderStream(plan, req, res);
    case 'proxy':
      return relay(plan, res);
    case 'hang':
      // Answer nothing; the client's timeout (or shutdown) closes the socket.
      return new Promise((resolve) => req.socket.once('close', () => resolve('aborted')));
  }
}

export function sendJson(plan: JsonPlan, res: ServerResponse): void {
  const text = plan.raw ? (plan.body as string) : JSON.stringify(plan.body);
  // Plans are built per request, so adding the length to its headers is safe,
  // and keeps writeHead on its fast path (no setHeader merge).
  plan.headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(plan.status, plan.headers);
  res.end(text);
}

async function delayedJson(plan: JsonPlan, res: ServerResponse, delayMs: number): Promise<Outcome> {
  const outlet = new Outlet(res);
  await outlet.pause(delayMs);
  if (!outlet.open) return 'aborted';
  sendJson(plan, res);
  return 'sent';
}

/** An upstream's answer (recording), written as it arrives. */
async function relay(plan: ProxyPlan, res: ServerResponse): Promise<Outcome> {
  const outlet = new Outlet(res);
  res.writeHead(plan.status, plan.headers);
  res.flushHeaders();
  const iterator = plan.body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) break;
      if (!outlet.open) return 'aborted';
      if (!res.write(value)) await outlet.drain();
    }
  } finally {
    if (!outlet.open) await iterator.return?.();
  }
  res.end();
  return 'sent';
}

function renderStream(plan: StreamPlan, req: IncomingMessage, res: ServerResponse): Promise<Outcome> | Outcome {
  // Chunked framing: res.end() after [DONE] ends the body, which clients that read
  // past [DONE] (openai-node <= 7.4, the AI SDK) wait for, and a cut mid-way reads
  // as the error it is. The connection stays open for the next request (keep-alive;
  // closing it after each stream costs a load test dearly: p50 1.3 s in our bench).
  res.writeHead(plan.status, plan.headers);
  const whole = unpacedText(plan);
  if (whole !== undefined) {
    // Nothing to wait for: one write, then end.
    res.end(whole);
    return 'sent';
  }
  const { frames, cut } = streamFrames(plan);
  return pacedStream(frames, cut, req, res);
}

async function pacedStream(frames: Frame[], cut: boolean, req: IncomingMessage, res: ServerResponse): Promise<Outcome> {
  const outlet = new Outlet(res);
  // The real API sends its headers before the first token arrives.
  res.flushHeaders();
  for (const frame of frames) {
    if (frame.delayMs > 0) await outlet.pause(frame.delayMs);
    if (!outlet.open) return 'aborted';
    if (!res.write(frame.text)) await outlet.drain();
    if (!outlet.open) return 'aborted';
  }
  if (cut) {
    // Let what was written reach the client, then drop the connection
    // without ending the chunked body: the client sees a cut stream.
    req.socket.end();
    return 'dropped';
  }
  res.end();
  return 'sent';
}
