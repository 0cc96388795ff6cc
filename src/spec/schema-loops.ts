type Schema = Record<string, unknown>;

/** A schema object (not an array, not a boolean schema). */
export const isSchema = (value: unknown): value is Schema => !!value && typeof value === 'object' && !Array.isArray(value);

/** `#`, `#/$defs/x`: the subschema a local `$ref` names, or undefined. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined; // a malformed escape names nothing
    }
    node = isSchema(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** Keywords that apply their subschemas to the same value: following them never goes deeper into it. */
const SAME_VALUE_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SAME_VALUE_ONE = ['not', 'if', 'then', 'else'];

/**
 * A `$ref` that comes back to itself through allOf/anyOf/oneOf/not/if and
 * other refs only, with no property or item in between, describes a value
 * that never ends: the generator and the validator would both loop until the
 * process runs out of memory or stack. Found by a depth-first search over
 * those edges alone.
 */
export function selfLoopProblem(schema: unknown): string | undefined {
  const state = new Map<object, 'open' | 'done'>();
  const stack: Array<{ node: object; children: unknown[] }> = [];
  const childrenOf = (node: Schema): Array<[unknown, string | undefined]> => {
    const out: Array<[unknown, string | undefined]> = [];
    for (const key of SAME_VALUE_LISTS) if (Array.isArray(node[key])) for (const sub of node[key] as unknown[]) out.push([sub, undefined]);
    for (const key of SAME_VALUE_ONE) if (node[key] !== undefined) out.push([node[key], undefined]);
    if (typeof node.$ref === 'string') out.push([resolvePointer(schema, node.$ref), node.$ref]);
    return out;
  };
  const visit = (start: unknown): string | undefined => {
    if (!isSchema(start) || state.has(start)) return undefined;
    state.set(start, 'open');
    stack.push({ node: start, children: childrenOf(start) });
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const next = top.children.pop() as [unknown, string | undefined] | undefined;
      if (!next) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const [child, ref] = next;
      if (!isSchema(child)) continue;
      const seen = state.get(child);
      if (seen === 'open')
        return `${ref ? `'$ref': ${JSON.stringify(ref)}` : 'a subschema'} refers back to itself with no object or array in between, so a value for it never ends`;
      if (seen === 'done') continue;
      state.set(child, 'open');
      stack.push({ node: child, children: childrenOf(child) });
    }
    return undefined;
  };
  // Every subschema can start such a loop: walk them all (iteratively; the body's depth is bounded already).
  const all: unknown[] = [schema];
  for (let i = 0; i < all.length; i++) {
    const node = all[i];
    if (!node || typeof node !== 'object') continue;
    const problem = isSchema(node) ? visit(node) : undefined;
    if (problem) return problem;
    for (const value of Object.values(node)) if (value && typeof value === 'object') all.push(value);
  }
  return undefined;
}
