import type { ErrorActionSpec } from './types.js';
import { errorPlan } from '../base/errors.js';
import type { JsonPlan } from '../base/plan.js';

const QUOTA_MESSAGE =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';

/** Messages that name the request's model, as the real API's do. */
function defaultMessage(spec: ErrorActionSpec, model: string): string | undefined {
  const wait = spec.retryAfter ?? 1;
  if (spec.type === 'insufficient_quota' || spec.code === 'insufficient_quota') return QUOTA_MESSAGE;
  if (spec.status === 429 && spec.type === 'tokens') {
    return `Rate limit reached for ${model} in organization org-mock on tokens per min (TPM): Limit 30000, Used 29000, Requested 1500. Please try again in ${wait}s. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  }
  switch (spec.status) {
    case 404:
      return `The model \`${model}\` does not exist or you do not have access to it.`;
    case 403:
      return `Project \`proj_mock\` does not have access to model \`${model}\``;
    case 429:
      return `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in ${wait}s. Visit https://platform.openai.com/account/rate-limits to learn more.`;
    default:
      return undefined;
  }
}

/** A scenario's `error` action as the real API would send it, headers included. */
export function scriptedError(spec: ErrorActionSpec, model: string): JsonPlan {
  const headers: Record<string, string> = {};
  if (spec.status === 429) {
    // The limit that was hit has nothing left until it resets.
    const limit = spec.type === 'tokens' ? 'tokens' : 'requests';
    headers[`x-ratelimit-remaining-${limit}`] = '0';
    headers[`x-ratelimit-reset-${limit}`] = `${spec.retryAfter ?? 1}s`;
  }
  if (spec.retryAfter !== undefined) {
    headers['retry-after'] = String(Math.ceil(spec.retryAfter));
    headers['retry-after-ms'] = String(Math.round(spec.retryAfter * 1000));
  }
  Object.assign(headers, spec.headers);
  return errorPlan({
    status: spec.status,
    message: spec.message ?? defaultMessage(spec, model),
    ...(spec.type !== undefined ? { type: spec.type } : {}),
    ...(spec.code !== undefined ? { code: spec.code } : spec.type === 'insufficient_quota' ? { code: 'insufficient_quota' } : {}),
    param: spec.param ?? null,
    headers,
  });
}
