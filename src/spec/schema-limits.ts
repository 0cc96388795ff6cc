/**
 * What the mock will generate for a caller's schema. A schema asking for more
 * (a hundred million items, a string of a gigabyte, nesting past any real use)
 * gets a 400 instead of taking the process down.
 */
const LIMITS = { depth: 32, items: 500, length: 5000, properties: 500 } as const;

/** Generous upper bounds are generated up to these (a model's answers are short too). */
export const GENERATED = { items: 20, length: 256, properties: 20 } as const;

const MINIMUMS: Array<[string, number]> = [
  ['minItems', LIMITS.items],
  ['minContains', LIMITS.items],
  ['minLength', LIMITS.length],
  ['minProperties', LIMITS.properties],
];

/** The first limit the schema exceeds, worded for an error message, or undefined. */
export function schemaLimitProblem(schema: unknown): string | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: schema, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > LIMITS.depth * 2) return `it is nested more than ${LIMITS.depth} levels deep`;
    if (!Array.isArray(node)) {
      for (const [key, limit] of MINIMUMS) {
        const value = (node as Record<string, unknown>)[key];
        if (typeof value === 'number' && value > limit) return `'${key}' is ${value}; the mock generates at most ${limit}`;
      }
    }
    for (const child of Object.values(node)) if (child && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
  }
  return undefined;
}

/**
 * How deep a JSON value nests, or `stopAt + 1` once past it. Recursive, but never
 * deeper than `stopAt`, so no input can overflow the stack; it allocates nothing
 * (it runs on every request body).
 */
export function nestingDepth(value: unknown, stopAt: number): number {
  return deepestFrom(value, 0, stopAt);
}

function deepestFrom(node: unknown, depth: number, stopAt: number): number {
  if (depth > stopAt || !node || typeof node !== 'object') return depth;
  let deepest = depth;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length && deepest <= stopAt; i++) deepest = Math.max(deepest, deepestFrom(node[i], depth + 1, stopAt));
  } else {
    for (const key in node) {
      deepest = Math.max(deepest, deepestFrom((node as Record<string, unknown>)[key], depth + 1, stopAt));
      if (deepest > stopAt) break;
    }
  }
  return deepest;
}
