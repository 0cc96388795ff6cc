import { apiHeaders, JSON_TYPE } from './headers.js';
import type { Headers, JsonPlan } from './plan.js';

/**
 * The real API's error bodies, one template per status. A plan is built from
 * them whenever the mock answers with an error, so every error has the shape
 * the SDKs parse: `{"error":{"message","type","param","code"}}`.
 */
/** The body of every error answer: what the SDKs parse into their error classes. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

interface ErrorTemplate {
  type: string;
  code: string | null;
  message: string;
}

const ERROR_TEMPLATES: Record<number, ErrorTemplate> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: {
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  },
  403: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'Project `proj_mock` does not have access to this model.',
  },
  404: {
    type: 'invalid_request_error',
    code: 'model_not_found',
    message: 'The model does not exist or you do not have access to it.',
  },
  409: {
    type: 'invalid_request_error',
    code: 'conflict',
    message: 'Another request is currently being processed with the same idempotency key. Please retry.',
  },
  413: { type: 'invalid_request_error', code: 'request_too_large', message: 'Request body too large.' },
  422: { type: 'invalid_request_error', code: null, message: 'Unprocessable entity.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message:
      'Rate limit reached for requests in organization org-mock on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  502: { type: 'server_error', code: null, message: 'Bad gateway.' },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

export interface ErrorSpec {
  status: number;
  message?: string;
  type?: string;
  param?: string | null;
  code?: string | null;
  headers?: Headers;
}

export function errorBody(spec: ErrorSpec): OpenAIErrorBody {
  const template = ERROR_TEMPLATES[spec.status] ?? ERROR_TEMPLATES[spec.status >= 500 ? 500 : 400]!;
  return {
    error: {
      message: spec.message ?? template.message,
      type: spec.type ?? template.type,
      param: spec.param ?? null,
      code: spec.code === undefined ? template.code : spec.code,
    },
  };
}

export function errorPlan(spec: ErrorSpec): JsonPlan {
  return {
    kind: 'json',
    status: spec.status,
    headers: { ...apiHeaders(JSON_TYPE, 1), ...spec.headers },
    body: errorBody(spec),
  };
}

/** A 400 `invalid_request_error`, the answer to every malformed request. */
export function invalidRequest(message: string, param: string | null = null, code: string | null = null): JsonPlan {
  return errorPlan({ status: 400, message, param, code });
}

/** A bug or a failed render still answers as the API does, never with a stack trace. */
export function serverError(error: unknown): JsonPlan {
  return errorPlan({ status: 500, message: `The server had an error while processing your request. (${(error as Error)?.message ?? String(error)})` });
}

/** Masks a key the way the real API echoes it: first three and last four characters. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 40))}${key.slice(-4)}`;
}
