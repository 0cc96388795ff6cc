import type { OpenAIErrorBody } from '../base/errors.js';
import type { Plan } from '../base/plan.js';

const MAX_REASON = 400;

/**
 * Why an answer is an error, in a few words for the journal and the request log:
 * `bad key`, `invalid max_tokens (integer_below_min_value)`, `rate_limit_exceeded`,
 * `unmatched: <what differs from the closest fixture>`, or the message itself
 * when it names neither a param nor a code.
 */
export function errorReason(plan: Plan): string | undefined {
  if (plan.kind !== 'json' || plan.status < 400) return undefined;
  const error = (plan.body as Partial<OpenAIErrorBody> | null)?.error;
  if (!error || typeof error !== 'object') return undefined;
  if (plan.status === 401) return error.code === 'invalid_api_key' ? 'bad key' : 'no key';
  const message = String(error.message ?? '');
  // A replay miss: what differs from the closest fixture is the useful part.
  if (error.code === 'fixture_not_found') return shorten(`unmatched: ${message.split('Closest: ')[1] ?? message}`);
  if (error.param) return error.code ? `invalid ${error.param} (${error.code})` : `invalid ${error.param}`;
  if (error.code) return error.code;
  return shorten(message);
}

const shorten = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 3)}...` : text);
