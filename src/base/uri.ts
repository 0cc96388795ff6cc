/** A percent-encoded path segment decoded; a malformed escape (`%E0`) is kept as it is, and then matches nothing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
