/**
 * A pre-tokenizer pattern narrowed to ASCII text: each Unicode property class becomes the ASCII
 * characters it holds, so on text that is all ASCII it finds the same chunks. V8 compiles a
 * pattern of Unicode property classes in ~3-7 ms, and again when it tiers up to native code,
 * for each RegExp object: ~10 ms of a fresh process's first answer. The narrowed pattern
 * compiles in a fraction of that, and most prompts are ASCII.
 *
 * Undefined when the pattern holds a class this does not know (the caller keeps the Unicode one).
 */
export function asciiPattern(source: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const property = /^\\[pP]\{([^}]*)\}/.exec(source.slice(i));
      if (property) {
        const name = property[1]!;
        if (!Object.hasOwn(ASCII_OF, name) || property[0][1] === 'P') return undefined;
        const ascii = ASCII_OF[name]!;
        out += inClass ? ascii : `[${ascii}]`;
        i += property[0].length - 1;
        continue;
      }
      // Any other escape, as it is.
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** The ASCII characters of each general category the tokenizers' patterns use (none are titlecase, modifier, other letters or marks). */
const ASCII_OF: Record<string, string> = {
  L: 'A-Za-z',
  Lu: 'A-Z',
  Ll: 'a-z',
  Lt: '',
  Lm: '',
  Lo: '',
  M: '',
  N: '0-9',
};
