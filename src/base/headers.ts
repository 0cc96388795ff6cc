import { requestId } from './ids.js';
import type { Headers } from './plan.js';

/** Headers the real API sends with every answer; clients and retry logic read them. */
export function apiHeaders(contentType: string, processingMs: number): Headers {
  return {
    'content-type': contentType,
    // The real API answers browsers too (the SDKs' dangerouslyAllowBrowser).
    'access-control-allow-origin': '*',
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

/** The answer to a CORS preflight: any origin, the given methods, the headers clients send. */
export function preflightHeaders(methods: readonly string[]): Headers {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': methods.join(', '),
    'access-control-allow-headers': '*, authorization',
    'access-control-max-age': '86400',
  };
}

export const JSON_TYPE = 'application/json';
export const SSE_TYPE = 'text/event-stream; charset=utf-8';
