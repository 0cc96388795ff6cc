import { streamFrames, unpacedText } from './frames.js';
import type { JsonPlan, MockRequest, Plan, StreamPlan } from './plan.js';
import { TEXT_TYPE, textResponse } from './text-response.js';
import { wellFormed } from './utf16.js';

/** Web-standard Request/Response <-> plans. Runs anywhere fetch does. */

export async function fromWebRequest(request: Request): Promise<MockRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    path: url.pathname,
    query: url.search,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text(),
  };
}

// What a client's fetch(url, init) may carry for the shortcut below; any other init field
// (mode, credentials, duplex...) goes through a real Request, which checks it.
const PLAIN_INIT = new Set(['method', 'headers', 'body', 'signal']);

/**
 * `fetch(url, init)` as SDKs call it (openai, the AI SDK: a URL string, a POST with a
 * string body) read straight into a request: what `fromWebRequest(new Request(url, init))`
 * gives, without building a Request and reading its body back as a stream, which costs
 * more than answering. Undefined when the arguments are anything else, or anything a
 * Request would change or refuse (a relative URL, a lone surrogate, a bad header): the
 * caller then builds the Request, and gets its errors.
 */
export function fromFetchArguments(input: unknown, init: RequestInit | undefined): MockRequest | undefined {
  if (!init || typeof init.body !== 'string' || typeof init.method !== 'string' || init.method.toUpperCase() !== 'POST') return undefined;
  if (typeof input !== 'string' && !(input instanceof URL)) return undefined;
  for (const key in init) if (!PLAIN_INIT.has(key)) return undefined;
  // A Request encodes the body as UTF-8: lone surrogates would come back as U+FFFD.
  if (!wellFormed(init.body)) return undefined;
  let url: URL;
  let headers: globalThis.Headers;
  try {
    url = new URL(input);
    // A Headers object (openai-node passes one) is valid and normalised already: read as it is.
    headers = init.headers instanceof globalThis.Headers ? init.headers : new globalThis.Headers(init.headers);
  } catch {
    return undefined;
  }
  if (url.username || url.password || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  const record: Record<string, string> = {};
  // The content type a Request gives a string body that has none, in its sorted place.
  let typed = headers.has('content-type');
  headers.forEach((value, name) => {
    if (!typed && name > 'content-type') {
      record['content-type'] = TEXT_TYPE;
      typed = true;
    }
    record[name] = value;
  });
  if (!typed) record['content-type'] = TEXT_TYPE;
  // Reading a body as text drops a leading byte order mark.
  const body = init.body.charCodeAt(0) === 0xfeff ? init.body.slice(1) : init.body;
  return { method: 'POST', path: url.pathname, query: url.search, headers: record, body };
}

/**
 * Waits on the global timer at call time, so fake timers in tests control it.
 * An aborted request (a client's timeout) ends the wait with the abort reason.
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Settles only when the request is aborted: a `hang` lasts until the client gives up. */
function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

const encoder = new TextEncoder();

/** A stream's body, frame by frame (events due at the same time are one frame). */
function sseBody(plan: StreamPlan, signal?: AbortSignal): ReadableStream<Uint8Array> | string {
  // Nothing to wait for: the whole text, as the server writes it.
  const whole = unpacedText(plan);
  if (whole !== undefined) return whole;
  const { frames, cut } = streamFrames(plan);
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const frame = frames[next++];
      if (frame) {
        if (frame.delayMs > 0) await sleep(frame.delayMs, signal);
        controller.enqueue(encoder.encode(frame.text));
      } else if (cut) {
        // A macrotask first, so the chunks already queued reach the reader before the error does.
        await sleep(0);
        controller.error(new TypeError('terminated: the mock dropped the connection (disconnectAfterChunks)'));
      } else {
        controller.close();
      }
    },
  });
}

function iterableBody(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Whether UTF-8 decoding gives `text` back as it is: no byte order mark first, no lone surrogate. */
const readsBack = (text: string): boolean => text.charCodeAt(0) !== 0xfeff && wellFormed(text);

// The statuses whose responses have no body at all, not even an empty one (101 and 103 are never sent).
const NULL_BODY = new Set([204, 205, 304]);

/**
 * A JSON plan's Response. `lazyText` (mock.fetch's): one whose text is read back without a
 * stream (see TextResponse); msw reads every answer's body as a stream, so it gets the standard one.
 */
function jsonResponse(plan: JsonPlan, lazyText: boolean): Response {
  const init = { status: plan.status, headers: plan.headers };
  if (NULL_BODY.has(plan.status)) return new Response(null, init);
  // JSON.stringify's text reads back as itself (it escapes lone surrogates); undefined is no body.
  const text = plan.raw ? (plan.body as string) : JSON.stringify(plan.body);
  if (text === undefined) return new Response(null, init);
  return lazyText && (!plan.raw || readsBack(text)) ? textResponse(text, init) : new Response(text, init);
}

export async function toWebResponse(plan: Plan, signal?: AbortSignal, lazyText = false): Promise<Response> {
  switch (plan.kind) {
    case 'fault':
      return Response.error();
    case 'hang':
      return untilAborted(signal);
    case 'json':
      if (plan.delayMs) await sleep(plan.delayMs, signal);
      return jsonResponse(plan, lazyText);
    case 'proxy':
      return new Response(iterableBody(plan.body), { status: plan.status, headers: plan.headers });
    case 'stream':
      return new Response(sseBody(plan, signal), { status: plan.status, headers: plan.headers });
  }
}
