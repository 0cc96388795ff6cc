/** Headers that carry credentials: they never reach the journal, a log or a fixture. */
const SECRET_HEADERS = new Set([
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

// Header names are few and come with every request: each name's answer is remembered (bounded).
const secretNames = new Map<string, boolean>();

export function isSecretHeader(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    secret = SECRET_HEADERS.has(name) || SECRET_NAME.test(name);
    if (secretNames.size >= 1024) secretNames.clear();
    secretNames.set(name, secret);
  }
  return secret;
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

function redactText(text: string): string {
  return text.replace(SECRET_KEY_PATTERN, REDACTED);
}

/** Exact credential values shorter than this are not scrubbed from text: 'test' would mangle every body. */
const MIN_SCRUBBED = 8;

const AUTH_SCHEME = /^\s*(?:Bearer|Basic|Token|Bot|Key|ApiKey)\s+(\S+)/i;
/** Whether AUTH_SCHEME can match: most header values fail on their first character, without the regex. */
function mayHaveScheme(value: string): boolean {
  const c = value.charCodeAt(0) | 0x20; // lower-cases letters; whitespace stays outside a-z
  return c === 0x62 /* b */ || c === 0x74 /* t */ || c === 0x6b /* k */ || c === 0x61 /* a */ || !(c >= 0x61 && c <= 0x7a);
}

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
    for (const name in headers) {
      const value = headers[name]!;
      if (isSecretHeader(name)) {
        add(value);
        for (const part of value.split(/[;,]/)) add(part.includes('=') ? part.slice(part.indexOf('=') + 1) : part);
      }
      const scheme = mayHaveScheme(value) ? AUTH_SCHEME.exec(value) : null;
      if (scheme) add(scheme[1]!);
    }
    const secrets = [...found];
    // Longest first, so a value containing another is removed whole. By insertion (a request
    // has one or two): Array.prototype.sort allocates more than the whole Scrubber.
    for (let i = 1; i < secrets.length; i++) {
      const secret = secrets[i]!;
      let j = i - 1;
      for (; j >= 0 && secrets[j]!.length < secret.length; j--) secrets[j + 1] = secrets[j]!;
      secrets[j + 1] = secret;
    }
    this.#secrets = secrets;
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
    // The other values are searched at once, joined by a character no key or header value holds:
    // one pass instead of one per header, and usually nothing is found.
    let others = '';
    for (const name in headers) {
      const secret = isSecretHeader(name);
      out[name] = secret ? REDACTED : headers[name]!;
      if (!secret) others += `${headers[name]}\n`;
    }
    if (this.finds(others)) for (const name in out) if (!isSecretHeader(name)) out[name] = this.text(out[name]!);
    return out;
  }
}
