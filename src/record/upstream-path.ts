import { safeDecode } from '../base/uri.js';

/**
 * The endpoint path (after the caller's prefix) as sent to the upstream: `.`
 * segments dropped; undefined when a segment is `..` (plain or
 * percent-encoded) or hides a slash, so that `/v1/models/../../../admin/secrets`
 * never reaches the upstream's `/admin`. No API client sends either.
 */
export function upstreamEndpoint(endpoint: string): string | undefined {
  const kept: string[] = [];
  for (const segment of endpoint.split('/').slice(1)) {
    const plain = safeDecode(segment);
    // An encoded slash would become a separator once the upstream decodes it.
    if (plain === '..' || plain.includes('/') || plain.includes('\\')) return undefined;
    if (plain !== '.') kept.push(segment);
  }
  return `/${kept.join('/')}`;
}
