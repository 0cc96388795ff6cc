import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { createMock, type ChatMock, type MockOptions } from '../src/index.js';
import { chatCompletionHandlers, releaseResponseClones } from '../src/msw.js';
import { startServer } from '../src/node.js';

/** A running mock behind one transport, with an openai client pointed at it. */
export interface Running {
  mock: ChatMock;
  baseURL: string;
  client(options?: { apiKey?: string; maxRetries?: number; timeout?: number }): OpenAI;
  close(): Promise<void>;
}

export interface Transport {
  name: string;
  start(options?: MockOptions): Promise<Running>;
}

const clientFor = (baseURL: string) => (options: { apiKey?: string; maxRetries?: number; timeout?: number } = {}) =>
  new OpenAI({ apiKey: options.apiKey ?? 'sk-test', baseURL, maxRetries: options.maxRetries ?? 0, ...(options.timeout ? { timeout: options.timeout } : {}) });

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

export const transports = [mswTransport, serverTransport];
