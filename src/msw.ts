import { http, type HttpHandler } from 'msw';
import { coreOf, type ChatMock } from './mock/mock.js';
import { mockResolver } from './msw-resolver.js';

export interface HandlerOptions {
  /** Serve only this base URL (e.g. `https://api.openai.com/v1`). Default: any host, any prefix. */
  baseUrl?: string;
}

const VERBS = { GET: http.get, POST: http.post, DELETE: http.delete } as const;

/**
 * msw request handlers that answer every endpoint the mock serves (chat
 * completions, models, and any of your own), at any host and prefix.
 * With fixtures, any other path under `/v1/` is replayed or recorded too.
 *
 * @example
 * const server = setupServer(...chatCompletionHandlers(createMock()));
 */
export function chatCompletionHandlers(mock: ChatMock, options: HandlerOptions = {}): HttpHandler[] {
  const core = coreOf(mock);
  const base = options.baseUrl?.replace(/\/+$/, '') ?? '*';
  const resolver = mockResolver(mock);
  const handlers = core.endpoints.map((endpoint) => VERBS[endpoint.method](`${base}${endpoint.path.replace(/\{[^}]+\}/g, '*')}`, resolver));
  if (core.fixturesOn) handlers.push(http.all(options.baseUrl ? `${base}/*` : '*/v1/*', resolver));
  return handlers;
}

/** The same handlers under a name that says what they serve: every endpoint of the mock, not only chat completions. */
export const mockHandlers = chatCompletionHandlers;

export { releaseResponseClones, type ServerWithEvents } from './msw-release-clones.js';
