import type { Scenario } from './types.js';

/**
 * Types a scenario written in code; it is returned unchanged.
 *
 * @example
 * const busy = defineScenario({
 *   rules: [{ match: { lastMessage: { contains: 'busy' } }, sequence: [{ error: { status: 429, retryAfter: 1 } }, { reply: { content: 'ok' } }] }],
 * });
 */
export function defineScenario<const S extends Scenario>(scenario: S): S {
  return scenario;
}
