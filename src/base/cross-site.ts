import type { Headers } from './plan.js';

function hostnameOf(hostHeader: string): string {
  // [::1]:4747 -> [::1]; localhost:4747 -> localhost
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0]!;
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
    return new URL(origin).hostname.toLowerCase() !== hostnameOf(host).toLowerCase();
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
