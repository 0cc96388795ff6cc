import { NeedsLoading } from '../base/lazy.js';
import { re2js } from '../base/re2.js';

/**
 * Scenario patterns (`matches`) and globs (`model`), matched in time linear in
 * the text: a rule file must not be able to freeze the server that runs it.
 * RE2 has no lookaround or backreferences; those are reported as bad patterns.
 */

export interface TextMatcher {
  test(text: string): boolean;
}

/** Compiles a `matches` pattern (RE2 syntax, like JavaScript's for everything else). Throws with RE2's message. */
export function compilePattern(pattern: string): TextMatcher {
  const re = re2js.get().compile(pattern);
  return { test: (text) => re.matcher(text).find() };
}

/** Why a pattern cannot be used, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  try {
    compilePattern(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof NeedsLoading) throw error;
    const message = (error as Error).message;
    try {
      new RegExp(pattern);
    } catch {
      return message;
    }
    // Valid in JavaScript, so the author needs to know why it is refused here.
    return `${message} (patterns use RE2 syntax, matched in linear time: no lookaround or backreferences)`;
  }
}

/** `?` matches one character anywhere in `segment`, placed at `at` in `text`. */
function segmentAt(text: string, segment: string, at: number): boolean {
  if (at + segment.length > text.length) return false;
  for (let i = 0; i < segment.length; i++) if (segment[i] !== '?' && segment[i] !== text[at + i]) return false;
  return true;
}

/** The first place at or after `from` where `segment` fits. */
function findSegment(text: string, segment: string, from: number): number {
  if (!segment.includes('?')) return text.indexOf(segment, from);
  for (let at = from; at + segment.length <= text.length; at++) if (segmentAt(text, segment, at)) return at;
  return -1;
}

/**
 * A glob (`*` any run, `?` one character) matched without backtracking: the
 * segments between stars are found leftmost, one after the other, which is
 * exact for globs and costs O(text x glob) at worst.
 */
export function compileGlob(glob: string): TextMatcher {
  const segments = glob.split('*');
  if (segments.length === 1) return { test: (text) => text.length === glob.length && segmentAt(text, glob, 0) };
  const first = segments[0]!;
  const last = segments.at(-1)!;
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  return {
    test(text) {
      if (text.length < first.length + last.length) return false;
      if (!segmentAt(text, first, 0) || !segmentAt(text, last, text.length - last.length)) return false;
      let at = first.length;
      const inner = middle.length > 0 ? text.slice(0, text.length - last.length) : '';
      for (const segment of middle) {
        const found = findSegment(inner, segment, at);
        if (found < 0) return false;
        at = found + segment.length;
      }
      return true;
    },
  };
}
