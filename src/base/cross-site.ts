import type { Headers } from './plan.js';

/** A Host header's `name:port` -> [name, port]: lower case, no trailing dot; IPv6 keeps its brackets. */
export function splitHost(value: string): [string, string | undefined] {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(value.trim().toLowerCase());
  if (!match) return [value, undefined];
  return [match[1]!.replace(/\.$/, ''), match[2]];
}

/**
 * Whether a browser sent this request from a page of another site: its
 * `Sec-Fetch-Site` says so, or its `Origin` names another host than the one
 * it was sent to. Pages of the same host on another port (a web app in
 * development) are the same site.
 */
export function isCrossSite(headers: Headers): boolean {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site') return true;
  const origin = headers['origin'];
  if (!origin || origin === 'null') return origin === 'null';
  const host = headers['host'];
  // In-process (msw, mock.fetch) there is no Host header to compare with.
  if (!host) return false;
  try {
    return splitHost(new URL(origin).host)[0] !== splitHost(host)[0];
  } catch {
    return true;
  }
}

/** Whether the request comes from a page of exactly this origin (scheme, host and port), or from no page at all. */
export function isSameOrigin(headers: Headers): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers['origin'];
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === headers['host'];
  } catch {
    return false;
  }
}
