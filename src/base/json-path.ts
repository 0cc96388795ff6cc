/**
 * How every message names a place in a JSON body, the way the real API names
 * params: `messages[0].content`.
 */

/** One step further into a path: `messages` + 0 -> `messages[0]`. */
export const appendPath = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

export const formatPath = (parts: ReadonlyArray<string | number>): string => parts.reduce<string>(appendPath, '');

/** A JSON Pointer (Ajv's `instancePath`) as path parts; digit segments are array indexes. */
export const pointerParts = (pointer: string): Array<string | number> =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
