import { errorPlan } from './errors.js';
import type { JsonPlan } from './plan.js';

/**
 * The 404 for a request no endpoint serves: the real API's status, type and
 * code, and a message that says what the mock does serve, so a call to an
 * endpoint it does not mock (`POST /v1/audio/speech`) is not mistaken for a typo.
 *
 * @param served the endpoints served, as `METHOD /path` (any prefix before the path)
 * @example
 * notServed(['POST /chat/completions', 'GET /models'], 'POST', '/v1/audio/speech');
 * // completions-mock does not mock POST /v1/audio/speech; it serves POST /chat/completions, GET /models
 */
export function notServed(served: readonly string[], method: string, path: string): JsonPlan {
  return errorPlan({ status: 404, code: null, message: `completions-mock does not mock ${method} ${path}; it serves ${served.join(', ')}` });
}
