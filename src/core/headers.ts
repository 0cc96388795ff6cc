import { requestId } from './ids.js';
import type { Headers } from './plan.js';

/** Headers the real API sends with every answer; clients and retry logic read them. */
export function apiHeaders(contentType: string, processingMs: number): Headers {
  return {
    'content-type': contentType,
    'x-request-id': requestId(),
    'openai-version': '2020-10-01',
    'openai-processing-ms': String(Math.max(1, Math.round(processingMs))),
    'x-ratelimit-limit-requests': '60',
    'x-ratelimit-limit-tokens': '150000',
    'x-ratelimit-remaining-requests': '59',
    'x-ratelimit-remaining-tokens': '149984',
    'x-ratelimit-reset-requests': '1s',
    'x-ratelimit-reset-tokens': '6m0s',
  };
}

export const JSON_TYPE = 'application/json';
export const SSE_TYPE = 'text/event-stream; charset=utf-8';
