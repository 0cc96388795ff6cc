import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Headers, MockRequest } from '../base/plan.js';

/** The path without its query; absolute-form targets (`http://host/path`) are reduced to their path. */
export function pathOf(url: string): string {
  if (url.charCodeAt(0) !== 47 /* '/' */) {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  }
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * Node already lower-cases header names and joins repeated values, except
 * `set-cookie`, which stays an array: only then is a copy needed.
 */
export function headersOf(headers: IncomingHttpHeaders): Headers {
  if (!('set-cookie' in headers)) return headers as Headers;
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The query string with its `?`, or ''. */
function queryOf(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return '';
  const hash = url.indexOf('#', at);
  return hash < 0 ? url.slice(at) : url.slice(at, hash);
}

export function toMockRequest(req: IncomingMessage, path: string, body: string): MockRequest {
  return { method: req.method ?? 'GET', path, query: queryOf(req.url ?? ''), headers: headersOf(req.headers), body };
}
