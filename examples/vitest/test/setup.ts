import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMock } from 'completions-mock';
import { setupMockServer } from 'completions-mock/msw/node';

export const mock = createMock({ seed: 1 });
export const server = setupMockServer(mock);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());
