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

/**
 * Anything shaped like a provider's secret key, wherever it appears in text:
 * OpenAI's project, live, service-account and admin keys and Anthropic's at
 * any length, other `sk-`/`rk-` keys from 16 characters, Groq, xAI, Google,
 * Hugging Face, Replicate, Perplexity, Stripe and GitHub tokens.
 */
export const SECRET_KEY_PATTERN =
  /\b(?:(?:sk|rk)-(?:proj|live|test|svcacct|admin|ant|or)-[A-Za-z0-9_-]{4,}|(?:sk|rk)-[A-Za-z0-9_-]{16,}|(?:gsk|xai|hf|r8|pplx)[-_][A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{30,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;

const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text.replace(SECRET_KEY_PATTERN, REDACTED);
}

/** Exact credential values shorter than this are not scrubbed from text: 'test' would mangle every body. */
export const MIN_SCRUBBED = 8;

/**
 * Removes what a request's credentials were from anything derived from it:
 * the exact values of its credential headers (and the token after `Bearer`,
 * `Basic` and the like, in any header), however short a real key is, plus
 * anything shaped like a provider key.
 */
export class Scrubber {
  readonly #secrets: string[];

  constructor(headers: Record<string, string>) {
    const found = new Set<string>();
    const add = (value: string) => {
      const trimmed = value.trim();
      if (trimmed.length < MIN_SCRUBBED) return;
      found.add(trimmed);
      // As it appears inside a JSON string, should it hold a quote or a backslash.
      const escaped = JSON.stringify(trimmed).slice(1, -1);
      if (escaped !== trimmed) found.add(escaped);
    };
    for (const [name, value] of Object.entries(headers)) {
      if (isSecretHeader(name)) {
        add(value);
        for (const part of value.split(/[;,]/)) add(part.includes('=') ? part.slice(part.indexOf('=') + 1) : part);
      }
      const scheme = /^\s*(?:Bearer|Basic|Token|Bot|Key|ApiKey)\s+(\S+)/i.exec(value);
      if (scheme) add(scheme[1]!);
    }
    // Longest first, so a value containing another is removed whole.
    this.#secrets = [...found].sort((a, b) => b.length - a.length);
  }

  text(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return redactText(out);
  }

  /** Whether `text` holds anything to scrub. */
  finds(text: string): boolean {
    SECRET_KEY_PATTERN.lastIndex = 0;
    return this.#secrets.some((secret) => text.includes(secret)) || SECRET_KEY_PATTERN.test(text);
  }

  /** A JSON value with every string scrubbed (keys included). */
  value<T>(value: T): T {
    if (value === undefined) return value;
    const text = JSON.stringify(value);
    return this.finds(text) ? (JSON.parse(this.text(text)) as T) : value;
  }

  /** Headers for the journal or a log: credential headers as `[redacted]`, the rest scrubbed. */
  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? REDACTED : this.text(value);
    return out;
  }
}
