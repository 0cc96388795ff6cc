import { bypass } from 'msw';
import { coreOf, type ChatMock } from './mock/mock.js';

/**
 * What every msw handler of a mock answers with: the mock's core, which may
 * record from the real upstream, past msw (or the handlers would answer themselves).
 */
export function mockResolver(mock: ChatMock): ({ request }: { request: Request }) => Promise<Response> {
  const core = coreOf(mock);
  const transport = { fetch: (input: string | URL | Request, init?: RequestInit) => fetch(bypass(input, init)) };
  return ({ request }) => core.respond(request, transport);
}
