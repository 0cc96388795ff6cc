import type { ErrorActionSpec } from '../scenarios/types.js';
import { errorPlan } from './errors.js';
import { apiHeaders, JSON_TYPE } from './headers.js';
import type { JsonPlan } from './plan.js';

/** Messages that name the request's model, as the real API's do. */
function defaultMessage(status: number, model: string, retryAfter: number | undefined): string | undefined {
  switch (status) {
    case 404:
      return `The model \`${model}\` does not exist or you do not have access to it.`;
    case 403:
      return `Project \`proj_mock\` does not have access to model \`${model}\``;
    case 429:
      return `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in ${retryAfter ?? 1}s. Visit https://platform.openai.com/account/rate-limits to learn more.`;
    default:
      return undefined;
  }
}

/** A scenario's `error` action as the real API would send it, headers included. */
export function scriptedError(spec: ErrorActionSpec, model: string): JsonPlan {
  const headers: Record<string, string> = apiHeaders(JSON_TYPE, 1);
  if (spec.status === 429) {
    headers['x-ratelimit-remaining-requests'] = '0';
    headers['x-ratelimit-reset-requests'] = `${spec.retryAfter ?? 1}s`;
  }
  if (spec.retryAfter !== undefined) {
    headers['retry-after'] = String(Math.ceil(spec.retryAfter));
    headers['retry-after-ms'] = String(Math.round(spec.retryAfter * 1000));
  }
  Object.assign(headers, spec.headers);
  return errorPlan({
    status: spec.status,
    message: spec.message ?? defaultMessage(spec.status, model, spec.retryAfter),
    ...(spec.type !== undefined ? { type: spec.type } : {}),
    ...(spec.code !== undefined ? { code: spec.code } : {}),
    param: spec.param ?? null,
    headers,
  });
}
