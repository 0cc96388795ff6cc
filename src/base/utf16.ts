/** UTF-16 text as UTF-8 sees it: a lone surrogate is the one thing encoding it does not keep (it becomes U+FFFD). */

export const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether `text` has no lone surrogate, so encoding it as UTF-8 and decoding gives it back (a leading BOM aside). */
export function wellFormed(text: string): boolean {
  const { isWellFormed } = text as { isWellFormed?: () => boolean };
  if (isWellFormed) return isWellFormed.call(text);
  if (!SURROGATE.test(text)) return true;
  LONE_SURROGATES.lastIndex = 0;
  return !LONE_SURROGATES.test(text);
}
