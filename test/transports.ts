import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { createMock, type ChatMock, type MockOptions } from '../src/index.js';
import { chatCompletionHandlers, releaseResponseClones } from '../src/msw.js';
import { startServer } from '../src/node.js';

/** A running mock behind one transport, with an openai client pointed at it. */
export interface Running {
  mock: ChatMock;
  baseURL: string;
  /** The fetch a client must use to reach the mock: mock.fetch itself, or undefined (the global fetch) for msw and HTTP. */
  fetch?: typeof fetch;
  client(options?: { apiKey?: string; maxRetries?: number; timeout?: number }): OpenAI;
  close(): Promise<void>;
}

export interface Transport {
  name: string;
  start(options?: MockOptions): Promise<Running>;
}

const clientFor =
  (baseURL: string, fetch?: typeof globalThis.fetch) =>
  (options: { apiKey?: string; maxRetries?: number; timeout?: number } = {}) =>
    new OpenAI({
      apiKey: options.apiKey ?? 'sk-test',
      baseURL,
      maxRetries: options.maxRetries ?? 0,
      ...(options.timeout ? { timeout: options.timeout } : {}),
      ...(fetch ? { fetch } : {}),
    });

/** The mock as the client's own fetch: no interception, no socket. */
export const fetchTransport: Transport = {
  name: 'mock.fetch',
  async start(options) {
    const mock = createMock(options);
    const baseURL = 'http://mock.test/v1';
    return { mock, baseURL, fetch: mock.fetch, client: clientFor(baseURL, mock.fetch), close: async () => {} };
  },
};

export const mswTransport: Transport = {
  name: 'msw',
  async start(options) {
    const mock = createMock(options);
    const server = setupServer(...chatCompletionHandlers(mock));
    releaseResponseClones(server);
    server.listen({ onUnhandledRequest: 'error' });
    const baseURL = 'http://mock.test/v1';
    return { mock, baseURL, client: clientFor(baseURL), close: async () => server.close() };
  },
};

export const serverTransport: Transport = {
  name: 'http server',
  async start(options) {
    const server = await startServer({ ...options, port: 0 });
    const baseURL = `${server.url}/v1`;
    return { mock: server.mock, baseURL, client: clientFor(baseURL), close: () => server.close({ graceMs: 100 }) };
  },
};

/** The three doors: every suite that loops over these is a contract suite, the same cases through each. */
export const transports = [fetchTransport, mswTransport, serverTransport];
