import { bypass, http, type HttpHandler } from 'msw';
import type { ChatMock } from './core/mock.js';

export interface HandlerOptions {
  /** Serve only this base URL (e.g. `https://api.openai.com/v1`). Default: any host, any prefix. */
  baseUrl?: string;
}

/**
 * msw request handlers that answer the Chat Completions API from `mock`.
 *
 * @example
 * const server = setupServer(...chatCompletionHandlers(createMock()));
 */
export function chatCompletionHandlers(mock: ChatMock, options: HandlerOptions = {}): HttpHandler[] {
  const base = options.baseUrl?.replace(/\/+$/, '') ?? '*';
  // Recording reaches the real upstream: past msw, or it would answer itself.
  const transport = { fetch: (input: string | URL | Request, init?: RequestInit) => fetch(bypass(input, init)) };
  const resolver = ({ request }: { request: Request }) => mock.respond(request, transport);
  return [
    http.post(`${base}/chat/completions`, resolver),
    http.get(`${base}/models`, resolver),
    http.get(`${base}/models/*`, resolver),
  ];
}

export { releaseResponseClones, type ServerWithEvents } from './msw-release-clones.js';
