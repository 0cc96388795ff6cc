import { hashString, stableStringify } from '../base/hash.js';

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

/** `endpoint` is the path after the caller's prefix (`/chat/completions`), so any prefix finds the same fixture. */
export function identityOf(method: string, endpoint: string, body: unknown, ignored: readonly string[]): Identity {
  const normalised = normaliseBody(body, ignored);
  return { key: `${method} ${endpoint} ${stableStringify(normalised)}`, body: normalised };
}

/** The file's hash: the identity plus the request's order among identical ones. */
export function fixtureHash(identity: Identity, order: number): string {
  return hashString(`${identity.key}#${order}`).toString(16).padStart(14, '0');
}

/** A readable file-name prefix from a text (the endpoint's choice, e.g. the last user message). */
export function slugOf(text: string): string {
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
