import type { OpenAIErrorBody } from '../base/errors.js';
import type { Plan } from '../base/plan.js';

const MAX_REASON = 400;

/**
 * Why an answer is an error, in a few words for the journal and the request log:
 * `bad key`, `invalid max_tokens (integer_below_min_value)`, `rate_limit_exceeded`,
 * or the message itself (a replay miss's reason comes from the fixtures, which know what differs)
 * when it names neither a param nor a code.
 */
export function errorReason(plan: Plan): string | undefined {
  if (plan.kind !== 'json' || plan.status < 400) return undefined;
  const error = (plan.body as Partial<OpenAIErrorBody> | null)?.error;
  if (!error || typeof error !== 'object') return undefined;
  if (plan.status === 401) return error.code === 'invalid_api_key' ? 'bad key' : 'no key';
  const message = String(error.message ?? '');
  if (error.param) return error.code ? `invalid ${error.param} (${error.code})` : `invalid ${error.param}`;
  if (error.code) return error.code;
  return shortReason(message);
}

/** A reason cut to what a log line can hold. */
export const shortReason = (text: string): string => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 3)}...` : text);
