import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorPlan, serverError } from '../core/errors.js';
import type { JournalEntry } from '../core/journal.js';
import { createMock, type ChatMock, type MockOptions } from '../core/mock.js';
import type { Plan } from '../core/plan.js';
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
  /** The scenario rule that answered, when one did. */
  rule?: string;
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

const modelOf = (entry: JournalEntry | undefined): string | undefined => {
  const body = entry?.body as { model?: unknown } | undefined;
  return body && typeof body === 'object' && typeof body.model === 'string' ? body.model : undefined;
};

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
  const latency = mockOptions.latency ?? true;
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
      const refused = !allowedHost(req.headers.host) ? wrongHost(req.headers.host) : path.startsWith(ADMIN_PREFIX) ? adminRefusal(req.method ?? 'GET', req.headers) : undefined;
      if (refused) {
        plan = refused;
      } else if (body === null) {
        plan = errorPlan({ status: 413, message: `Request body too large: the limit is ${BODY_LIMIT} bytes.` });
      } else if (path.startsWith(ADMIN_PREFIX)) {
        plan = await admin(mock, req.method ?? 'GET', path, body);
      } else {
        ({ plan, entry } = await mock.handle(toMockRequest(req, path, body)));
      }
      outcome = await render(plan, req, res, latency);
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
      onRequest({
        method: req.method ?? 'GET',
        // The journal's path: scrubbed of the request's credentials.
        path: entry?.path ?? path,
        status: plan && 'status' in plan ? plan.status : 0,
        durationMs: performance.now() - started,
        model: modelOf(entry),
        rule: entry?.matchedRule,
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
