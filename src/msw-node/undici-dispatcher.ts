import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Node's built-in fetch asks undici's global dispatcher for every request, even
 * through a `fetch` reference captured before msw patched `globalThis.fetch`
 * (an SDK client created at import time). A dispatcher installed here hands
 * those requests to msw's fetch, so they meet the same handlers, `server.use()`
 * overrides and `onUnhandledRequest` as everyone else's.
 *
 * Only the part of undici's Dispatcher that Node's fetch calls is implemented:
 * `dispatch(options, handler)` with the legacy handler callbacks (Node 20 and 22).
 */

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface DispatchOptions {
  origin?: string | URL;
  path: string;
  method: string;
  headers?: Record<string, string | string[] | undefined> | string[] | null;
  body?: unknown;
}

interface DispatchHandler {
  onConnect?(abort: (reason?: unknown) => void): void;
  onResponseStarted?(): void;
  onHeaders?(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: Buffer[]): void;
  onError?(error: Error): void;
}

interface Dispatcher {
  dispatch(options: DispatchOptions, handler: DispatchHandler): boolean;
}

type Fetch = typeof globalThis.fetch;

/** Set while msw itself performs a request (its passthrough and `bypass()`): those go to the network. */
const passing = new AsyncLocalStorage<true>();

// The request body is re-sent by msw's fetch; hop-by-hop headers belong to the old connection.
const DROPPED_REQUEST_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding', 'keep-alive']);

function requestHeaders(raw: DispatchOptions['headers']): Headers {
  const headers = new Headers();
  const add = (name: string, value: string) => {
    if (!DROPPED_REQUEST_HEADERS.has(name.toLowerCase())) headers.append(name, value);
  };
  if (Array.isArray(raw)) {
    for (let i = 0; i + 1 < raw.length; i += 2) add(String(raw[i]), String(raw[i + 1]));
  } else if (raw) {
    for (const [name, value] of Object.entries(raw)) {
      for (const one of ([] as Array<string | undefined>).concat(value)) if (one !== undefined) add(name, one);
    }
  }
  return headers;
}

async function requestBody(body: unknown): Promise<BodyInit | undefined> {
  if (body == null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const parts: Buffer[] = [];
    for await (const part of body as AsyncIterable<Uint8Array | string>) parts.push(Buffer.from(part));
    return Buffer.concat(parts);
  }
  throw new TypeError(`completions-mock: cannot read a request body of type ${Object.prototype.toString.call(body)}`);
}

/**
 * undici's fetch reads raw header buffers. msw's fetch has already decoded the
 * body (gzip, br), so `content-encoding` and its length no longer describe it.
 */
function rawHeaders(headers: Headers): Buffer[] {
  const decoded = headers.has('content-encoding');
  const raw: Buffer[] = [];
  headers.forEach((value, name) => {
    if (name === 'set-cookie' || name === 'content-encoding' || (decoded && name === 'content-length')) return;
    raw.push(Buffer.from(name, 'latin1'), Buffer.from(value, 'latin1'));
  });
  for (const cookie of headers.getSetCookie()) raw.push(Buffer.from('set-cookie'), Buffer.from(cookie, 'latin1'));
  return raw;
}

/** Plays one request through `intercepted` and feeds the answer to undici's handler callbacks. */
async function serve(intercepted: Fetch, options: DispatchOptions, handler: DispatchHandler): Promise<void> {
  const controller = new AbortController();
  handler.onConnect?.((reason) => controller.abort(reason ?? new Error('aborted')));
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  controller.signal.addEventListener('abort', () => void reader?.cancel(controller.signal.reason).catch(() => {}), { once: true });
  try {
    controller.signal.throwIfAborted();
    const method = options.method.toUpperCase();
    const body = method === 'GET' || method === 'HEAD' ? undefined : await requestBody(options.body);
    // A URL and init, not a Request: msw's fetch makes its own Request of either, and copying one made here costs as much again.
    const response = await intercepted(new URL(options.path, options.origin), {
      method,
      headers: requestHeaders(options.headers),
      ...(body !== undefined ? { body } : {}),
      signal: controller.signal,
    });
    controller.signal.throwIfAborted();
    handler.onResponseStarted?.();
    let resume = () => {};
    handler.onHeaders?.(response.status, rawHeaders(response.headers), () => resume(), response.statusText);
    if (response.body) {
      reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        controller.signal.throwIfAborted();
        if (done) break;
        // false: undici's buffer is full; it calls resume() once it has room (or aborts).
        if (handler.onData?.(Buffer.from(value.buffer, value.byteOffset, value.byteLength)) === false) {
          await new Promise<void>((resolve) => {
            resume = resolve;
            controller.signal.addEventListener('abort', () => resolve(), { once: true });
          });
        }
      }
    }
    handler.onComplete?.([]);
  } catch (error) {
    handler.onError?.(controller.signal.aborted ? (controller.signal.reason as Error) : (error as Error));
  }
}

export interface Installed {
  /** Puts the previous dispatcher and `globalThis.fetch` back (only if still ours). */
  uninstall(): void;
}

/**
 * Prepares `globalThis.fetch` and undici's global dispatcher before msw patches fetch:
 * call `install()`, then msw's `listen()`, then `route(globalThis.fetch)`.
 *
 * `globalThis.fetch` is wrapped so that msw, which keeps it as its own way to
 * the network, marks its requests (passthrough, `bypass()`); the dispatcher
 * sends those to the original dispatcher instead of back into msw, which would loop.
 */
/**
 * The global object of the realm `fetch` belongs to, where undici keeps its
 * dispatcher. Under jest's vm contexts it is not this module's `globalThis`.
 */
function realmGlobal(fetch: Fetch): Record<symbol, Dispatcher | undefined> {
  let proto: { constructor: FunctionConstructor } | null = Object.getPrototypeOf(fetch);
  while (proto && proto.constructor.name !== 'Function') proto = Object.getPrototypeOf(proto);
  return (proto?.constructor('return globalThis')() ?? globalThis) as Record<symbol, Dispatcher | undefined>;
}

export function install(): { route(intercepted: Fetch): Installed } {
  const pure = globalThis.fetch;
  const store = realmGlobal(pure);
  // undici creates its default Agent on the first fetch; a data: URL creates it without any I/O.
  if (!store[GLOBAL_DISPATCHER]) void pure('data:,').catch(() => {});
  const original = store[GLOBAL_DISPATCHER];
  // A runtime whose fetch is not undici (Bun): msw still serves clients created after listen().
  if (!original) return { route: () => ({ uninstall() {} }) };

  const marked: Fetch = (input, init) => passing.run(true, () => pure(input, init));
  globalThis.fetch = marked;

  return {
    route(intercepted) {
      const dispatch = (options: DispatchOptions, handler: DispatchHandler): boolean => {
        if (passing.getStore()) return original.dispatch(options, handler);
        void serve(intercepted, options, handler);
        return true;
      };
      // Everything but dispatch (close, destroy, events) stays the original's, called on it.
      const routed = new Proxy(original, {
        get(target, key) {
          if (key === 'dispatch') return dispatch;
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      store[GLOBAL_DISPATCHER] = routed;
      return {
        uninstall() {
          if (store[GLOBAL_DISPATCHER] === routed) store[GLOBAL_DISPATCHER] = original;
          if (globalThis.fetch === marked) globalThis.fetch = pure;
        },
      };
    },
  };
}
