import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorPlan, serverError } from '../base/errors.js';
import { errorReason } from '../mock/error-reason.js';
import type { JournalEntry } from '../mock/journal.js';
import { coreOf, createMock, type ChatMock } from '../mock/mock.js';
import type { MockOptions } from '../mock/options.js';
import type { Plan } from '../base/plan.js';
import { ADMIN_PREFIX, admin } from './admin.js';
import { pathOf, toMockRequest } from './mock-request.js';
import { BODY_LIMIT, hasBody, readBody } from './read-body.js';
import { adminRefusal, hostChecker, wrongHost } from './guard.js';
import { render, sendJson, type Outcome } from './render-node.js';

/** One answered request, as the CLI logs it. Never carries header values. */
export interface RequestRecord {
  method: string;
  path: string;
  /** 0 when no response was sent (a fault). */
  status: number;
  durationMs: number;
  model?: string;
  /** Whether the request asked for a stream (absent when its body is not a JSON object). */
  stream?: boolean;
  /** The scenario rule that answered, when one did. */
  rule?: string;
  /** Why the answer is an error: `bad key`, `invalid max_tokens`, what the mock does not serve. */
  reason?: string;
  /** Why no scenario rule answered, when rules are loaded. */
  unmatched?: string;
  /** In record/replay modes: the fixture replayed or recorded, or a miss. */
  fixture?: JournalEntry['fixture'];
  outcome: Outcome;
}

export interface ServerOptions extends MockOptions {
  /** 0 picks a free port. Default 4747. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Called once per request after its answer is done (the CLI's request log). */
  onRequest?: (record: RequestRecord) => void;
}

export interface CloseOptions {
  /** How long in-flight responses may take to finish before their connections are cut. Default 10 s. */
  graceMs?: number;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:4747`; clients add their prefix (`/v1`). */
  url: string;
  port: number;
  mock: ChatMock;
  /** Stops accepting, lets in-flight responses finish (bounded), then resolves. */
  close(options?: CloseOptions): Promise<void>;
}

export const DEFAULT_PORT = 4747;
export const DEFAULT_HOST = '127.0.0.1';

/** `::1` needs brackets in a URL. */
export function hostUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The request body as an object, for the log; answers given before parsing (401, 404) leave it as text. */
function bodyOf(entry: JournalEntry | undefined): { model?: unknown; stream?: unknown } | undefined {
  if (entry?.body) return entry.body;
  if (!entry?.text?.startsWith('{')) return undefined;
  try {
    const body: unknown = JSON.parse(entry.text);
    return body && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

const modelOf = (body: ReturnType<typeof bodyOf>) => (typeof body?.model === 'string' ? body.model : undefined);

/**
 * Serves the mock over HTTP (node:http, keep-alive). The core decides every
 * answer; this only reads requests, renders plans and adds admin endpoints.
 *
 * @example
 * const server = await startServer({ port: 0, seed: 1 });
 * const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'test' });
 * await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<MockServer> {
  const { port = DEFAULT_PORT, host = DEFAULT_HOST, onRequest, ...mockOptions } = options;
  const mock = createMock(mockOptions);
  const core = coreOf(mock);
  let closing = false;
  // Set once listening, when the port is known.
  let allowedHost: (host: string | undefined) => boolean = () => false;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = onRequest ? performance.now() : 0;
    const path = pathOf(req.url ?? '/');
    let plan: Plan | undefined;
    let entry: JournalEntry | undefined;
    let outcome: Outcome = 'aborted';
    try {
      if (closing) res.setHeader('connection', 'close');
      const body = hasBody(req) ? await readBody(req, BODY_LIMIT) : '';
      const refused = !allowedHost(req.headers.host)
        ? wrongHost(req.headers.host)
        : path.startsWith(ADMIN_PREFIX)
          ? adminRefusal(req.method ?? 'GET', req.headers)
          : undefined;
      if (refused) {
        plan = refused;
      } else if (body === null) {
        plan = errorPlan({ status: 413, message: `Request body too large: the limit is ${BODY_LIMIT} bytes.` });
      } else if (path.startsWith(ADMIN_PREFIX)) {
        plan = await admin(mock, req.method ?? 'GET', path, body);
      } else {
        const handled = await core.handle(toMockRequest(req, path, body));
        plan = handled.plan;
        if (onRequest) entry = handled.entry();
      }
      outcome = await render(plan, req, res);
    } catch (error) {
      // The client left while the body was read, or rendering failed: answer if still possible.
      if (!res.headersSent && !res.destroyed && req.complete) {
        plan = serverError(error);
        sendJson(plan, res);
        outcome = 'sent';
      } else {
        req.socket.destroy();
      }
    } finally {
      // During shutdown, a connection whose response just ended is idle: close it now.
      if (closing) setImmediate(() => server.closeIdleConnections());
    }
    if (onRequest) {
      const body = bodyOf(entry);
      onRequest({
        method: req.method ?? 'GET',
        // The journal's path: scrubbed of the request's credentials.
        path: entry?.path ?? path,
        status: plan && 'status' in plan ? plan.status : 0,
        durationMs: performance.now() - started,
        model: modelOf(body),
        stream: body ? body.stream === true : undefined,
        rule: entry?.matchedRule,
        reason: entry?.reason ?? (plan && errorReason(plan)),
        unmatched: entry?.unmatched,
        fixture: entry?.fixture,
        outcome,
      });
    }
  }

  const server = createServer({ keepAlive: true, noDelay: true }, (req, res) => void serve(req, res));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  allowedHost = hostChecker(host, bound);

  let closed: Promise<void> | undefined;
  return {
    url: hostUrl(host, bound),
    port: bound,
    mock,
    close({ graceMs = 10_000 }: CloseOptions = {}) {
      closing = true;
      return (closed ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }));
    },
  };
}
