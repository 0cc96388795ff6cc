import { setupWorker } from 'msw/browser';
import { createMock } from 'completions-mock';
import { chatCompletionHandlers } from 'completions-mock/msw';

export const mock = createMock({ seed: 1 });
export const worker = setupWorker(...chatCompletionHandlers(mock));

// Serve mockServiceWorker.js from the site's root: `npx msw init public/` copies it there.
await worker.start({ onUnhandledRequest: 'error', quiet: true });
