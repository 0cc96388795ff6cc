/** Headers that carry credentials: they never reach the journal, a log or a fixture. */
export const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'api-key',
  'x-api-key',
  'openai-organization',
  'openai-project',
  'cookie',
  'set-cookie',
]);

/**
 * Other providers' credential headers (x-goog-api-key, x-auth-token, ...), by
 * their last word; `x-ratelimit-remaining-tokens` ends in a plural and stays.
 */
const SECRET_NAME = /(^|[-_])(key|apikey|secret|token|auth|cookie|session|password|passwd|credentials?)$/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name) || SECRET_NAME.test(name);
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSecretHeader(name) ? '[redacted]' : redactText(value);
  }
  return out;
}

/** Anything shaped like an OpenAI-style secret key, wherever it appears in text. */
export const SECRET_KEY_PATTERN = /\b(sk|rk)-[A-Za-z0-9_-]{16,}/g;

export function redactText(text: string): string {
  return text.replace(SECRET_KEY_PATTERN, '[redacted]');
}
