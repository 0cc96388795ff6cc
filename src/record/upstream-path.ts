import { endpointOf } from './identity.js';

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The endpoint part of a request's path (`/chat/completions`, `/models/x`), as
 * sent to the upstream: `.` segments dropped; undefined when a segment is
 * `..` (plain or percent-encoded) or hides a slash, so that
 * `/v1/models/../../../admin/secrets` never reaches the upstream's `/admin`.
 * No API client sends either.
 */
export function upstreamEndpoint(path: string): string | undefined {
  const kept: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    const plain = decoded(segment);
    // An encoded slash would become a separator once the upstream decodes it.
    if (plain === '..' || plain.includes('/') || plain.includes('\\')) return undefined;
    if (plain !== '.') kept.push(segment);
  }
  return endpointOf(`/${kept.join('/')}`);
}
