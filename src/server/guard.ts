import type { IncomingHttpHeaders } from 'node:http';
import { isSameOrigin, splitHost } from '../base/cross-site.js';
import { errorPlan } from '../base/errors.js';
import type { JsonPlan } from '../base/plan.js';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const ANY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

const bracketed = (name: string) => (name.includes(':') && !name.startsWith('[') ? `[${name}]` : name);

/**
 * Which `Host` headers the server answers: its own names (localhost,
 * 127.0.0.1, [::1], the address it was bound to), on its own port. A web page
 * that rebinds its DNS name to 127.0.0.1 still sends its own name, and is
 * refused. Bound to every interface (0.0.0.0), the server is meant to be
 * reached by other names too, so any is accepted.
 */
export function hostChecker(boundHost: string, port: number): (host: string | undefined) => boolean {
  if (ANY_INTERFACE.has(boundHost)) return () => true;
  const names = new Set([...LOOPBACK, bracketed(boundHost.toLowerCase())]);
  // A client sends the same Host on every request: the last answer is kept.
  let last: string | undefined;
  let lastAllowed = false;
  return (host) => {
    if (host === undefined) return true; // HTTP/1.0 clients send none; browsers always do
    if (host === last) return lastAllowed;
    const [name, hostPort] = splitHost(host);
    last = host;
    return (lastAllowed = names.has(name) && (hostPort === undefined || Number(hostPort) === port));
  };
}

export function wrongHost(host: string | undefined): JsonPlan {
  return errorPlan({
    status: 403,
    code: 'host_not_allowed',
    message: `Requests for the host ${JSON.stringify(host)} are refused: this server answers only to its own names (localhost, 127.0.0.1, [::1] or its --host), so web pages cannot reach it through a DNS name of theirs.`,
  });
}

// Content types a web page may send to any site without asking first (CORS "simple" requests).
const SIMPLE_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Admin endpoints change the mock's state, so a web page must not reach them:
 * requests from another origin are refused, and so are POSTs a page could
 * send without a CORS preflight (a form or a `text/plain` body).
 */
export function adminRefusal(method: string, headers: IncomingHttpHeaders): JsonPlan | undefined {
  if (!isSameOrigin(headers as Record<string, string>)) {
    return errorPlan({
      status: 403,
      code: 'cross_site_request',
      message: 'Admin endpoints refuse requests from web pages of another origin (Origin / Sec-Fetch-Site).',
    });
  }
  const type = String(headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (method === 'POST' && SIMPLE_TYPES.includes(type)) {
    return errorPlan({
      status: 415,
      code: 'unsupported_media_type',
      message: `Admin POSTs take no body or a JSON one (content-type application/json), not ${type}: a web page can send ${type} to any site.`,
    });
  }
  return undefined;
}
