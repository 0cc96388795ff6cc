export type Require = ((id: string) => unknown) & { resolve(id: string): string };

interface NodeModule {
  createRequire(from: string): Require;
}

/**
 * Node's `require`, relative to the module at `from` (its import.meta.url): Node >= 20.16, Bun
 * and Deno offer it through `process.getBuiltinModule`. Elsewhere (browsers) undefined.
 */
export function nodeRequire(from: string): Require | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process;
  const mod = node?.getBuiltinModule?.('module') as NodeModule | undefined;
  return mod?.createRequire(from);
}
