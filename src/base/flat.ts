/**
 * Parts as one flat string. Text made by `+` or a template is a tree of its parts,
 * which V8 walks leaf by leaf each time it is written out or copied by the garbage
 * collector; a join is always written out flat. For text that is kept or repeated.
 */
export const flat = (parts: readonly string[]): string => parts.join('');
