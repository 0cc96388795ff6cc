/** `completions-mock/msw/node`: msw's setupServer with the mock's handlers, serving SDK clients created before `listen()` too. */
import { http } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import type { ChatMock } from './mock/mock.js';
import { chatCompletionHandlers } from './msw.js';
import { mockResolver } from './msw-resolver.js';
import { releaseResponseClones } from './msw-release-clones.js';
import { install, type Installed } from './msw-node/undici-dispatcher.js';

const OPENAI_API = 'https://api.openai.com';

/**
 * msw's own `setupServer(...)` (its `SetupServerApi`) with the mock's handlers first and `handlers`
 * after them; every msw habit keeps working (`use`, `resetHandlers`, `events`,
 * `onUnhandledRequest`). Two traps of plain `setupServer` are gone:
 *
 * - clients created before `listen()` (a module-level `new OpenAI()` imported by
 *   a test) keep Node's original fetch; while the server listens, their requests
 *   go through msw all the same, overrides and `onUnhandledRequest` included.
 *   After `close()` they reach the network again;
 * - a call to an endpoint of api.openai.com that the mock does not serve gets
 *   a 404 saying what it serves, instead of reaching the real API;
 * - scripted retries (429 then success) no longer hang on msw 2 with Node 20
 *   (see `releaseResponseClones`).
 *
 * @example
 * const server = setupMockServer(createMock({ seed: 1 }));
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterAll(() => server.close());
 */
export function setupMockServer(mock: ChatMock, ...handlers: Parameters<typeof setupServer>): SetupServer {
  // Last: another endpoint of the real API gets the mock's 404 saying what it serves, never the network.
  const notServed = http.all(`${OPENAI_API}/*`, mockResolver(mock));
  const server = setupServer(...chatCompletionHandlers(mock), ...handlers, notServed);
  releaseResponseClones(server);
  // msw's docs clear listeners with events.removeAllListeners(): the release must outlive that.
  const { events } = server;
  const removeAll = events.removeAllListeners.bind(events);
  events.removeAllListeners = ((...args: Parameters<typeof removeAll>) => {
    const result = removeAll(...args);
    if (args[0] === undefined || args[0] === 'response:mocked') releaseResponseClones(server);
    return result;
  }) as typeof events.removeAllListeners;
  const listen = server.listen.bind(server);
  const close = server.close.bind(server);
  let installed: Installed | undefined;
  server.listen = (options) => {
    if (installed) return listen(options);
    const prepared = install();
    try {
      listen(options);
    } catch (error) {
      prepared.route(globalThis.fetch).uninstall();
      throw error;
    }
    installed = prepared.route(globalThis.fetch);
  };
  server.close = () => {
    close();
    installed?.uninstall();
    installed = undefined;
  };
  return server;
}

export { chatCompletionHandlers, releaseResponseClones };
