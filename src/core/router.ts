/** Which endpoint a request is for, whatever prefix the client's base URL adds. */
export type Route =
  | { endpoint: 'chat' }
  | { endpoint: 'models' }
  | { endpoint: 'model'; id: string }
  | { endpoint: 'preflight' }
  | { endpoint: 'unknown' };

/** What `route` serves, as `notServed` lists it (after any prefix). */
export const SERVED_ENDPOINTS = ['POST /chat/completions', 'GET /models', 'GET /models/{id}'];

const MODEL_PATH = /\/models\/(.+)$/;

/** A malformed escape (`%E0`) names no model: keep the raw text, which then matches none. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function route(method: string, path: string): Route {
  // Browsers ask before calling from another origin (a web app against the CLI server).
  if (method === 'OPTIONS') return { endpoint: 'preflight' };
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  // A prefix that itself ends in /chat/completions is a base URL set one level too deep: 404, as the real API.
  if (method === 'POST' && clean.endsWith('/chat/completions') && !clean.slice(0, -17).endsWith('/chat/completions')) return { endpoint: 'chat' };
  if (method === 'GET') {
    if (clean.endsWith('/models')) return { endpoint: 'models' };
    const model = MODEL_PATH.exec(clean);
    if (model) return { endpoint: 'model', id: safeDecode(model[1]!) };
  }
  return { endpoint: 'unknown' };
}

/** The endpoint part of a path: `/openai/v1/chat/completions` -> `/chat/completions`. */
export function endpointOf(path: string): string {
  const at = path.search(/\/(chat\/completions|models)(\/|$)/);
  return at >= 0 ? path.slice(at) : path;
}
