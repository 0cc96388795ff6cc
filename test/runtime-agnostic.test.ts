import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../dist');

/** Every file of dist/ that `entry` reaches through static imports (side-effect ones too), with the bare specifiers it uses. */
function staticGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\s(?:[^'"]*?from\s*)?['"]([^'"]+)['"]/gm)) {
      if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!));
      else bare.add(specifier!);
    }
  };
  visit(join(dist, entry));
  return { files, bare };
}

describe('entry points', () => {
  // The bundles (lib/, what the package exports) and the modules tsc wrote, which they are made from.
  it('completions-mock and completions-mock/msw import nothing from node: (they must run in a browser)', () => {
    for (const entry of ['index.js', 'msw.js', 'lib/index.js', 'lib/msw.js']) {
      const { files, bare } = staticGraph(entry);
      // The walk followed the entry's imports: tsc's ~20 modules, or a bundle's entry and shared chunk (generated/ not counted).
      expect([...files].filter((file) => file.startsWith(dist)).length).toBeGreaterThanOrEqual(entry === 'index.js' ? 20 : 2);
      expect([...bare].filter((s) => s.startsWith('node:') || ['fs', 'path', 'http', 'os', 'child_process'].includes(s))).toEqual([]);
    }
  });

  it('completions-mock/node is where node:http lives', () => {
    expect([...staticGraph('node.js').bare]).toContain('node:http');
    expect([...staticGraph('lib/node.js').bare]).toContain('node:http');
  });
});
