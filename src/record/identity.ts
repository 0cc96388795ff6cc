import { endpointOf } from '../endpoints/registry.js';
import { hashString, stableStringify } from '../base/hash.js';

export { endpointOf };

/** Request fields that vary between runs without changing the answer; left out of identity by default. */
export const DEFAULT_IGNORED_FIELDS = ['user', 'stream_options', 'metadata', 'store', 'service_tier', 'prompt_cache_key', 'safety_identifier'];

export interface Identity {
  /** The normalised request, as hashed (key order ignored). */
  key: string;
  body: unknown;
}

export function normaliseBody(body: unknown, ignored: readonly string[]): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body ?? null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (!ignored.includes(key) && value !== undefined) out[key] = value;
  return out;
}

export function identityOf(method: string, path: string, body: unknown, ignored: readonly string[]): Identity {
  const normalised = normaliseBody(body, ignored);
  return { key: `${method} ${endpointOf(path)} ${stableStringify(normalised)}`, body: normalised };
}

/** The file's hash: the identity plus the request's order among identical ones. */
export function fixtureHash(identity: Identity, order: number): string {
  return hashString(`${identity.key}#${order}`).toString(16).padStart(14, '0');
}

/** A readable file-name prefix from the last user message (or the endpoint). */
export function slugOf(path: string, body: unknown): string {
  const messages = (body as { messages?: Array<{ role?: string; content?: unknown }> } | null)?.messages;
  const lastUser = Array.isArray(messages) ? [...messages].reverse().find((m) => m?.role === 'user') : undefined;
  const text = typeof lastUser?.content === 'string' ? lastUser.content : endpointOf(path);
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-')
    .slice(0, 48);
  return slug || 'request';
}
