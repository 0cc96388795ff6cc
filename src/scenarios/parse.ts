import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { type Located, scenarioProblems, ScenarioError } from './validate.js';
import type { Scenario } from './types.js';

export { ScenarioError } from './validate.js';

/** Aliases (`*name`) a scenario may use; a file needs a handful. */
export const MAX_ALIAS_COUNT = 100;

/** The source node at `path`, or the deepest one that exists. */
function locate(doc: Document, path: Array<string | number>, atKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let found = node as Node | undefined;
  for (const [i, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (!pair) break;
      if (atKey && i === path.length - 1) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else break;
    if (node && typeof node === 'object' && 'range' in node) found = node as Node;
  }
  return found;
}

/**
 * Parses scenario text (YAML, or JSON, which is YAML too) named `source` in
 * messages. Every problem is reported at once, as `source:line:col: message`.
 */
export function parseScenario(text: string, source: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const { line, col } = lines.linePos(offset ?? 0);
    return `${source}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    throw new ScenarioError(doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`));
  }
  if (source.endsWith('.json')) {
    // YAML reads JSON with a trailing comma or comments too; a .json file should be JSON.
    try {
      JSON.parse(text);
    } catch (error) {
      // Node's message names the offending token but not always its position.
      const message = (error as Error).message.replace(/ in JSON at position \d+.*$|, ".*$/s, '');
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      const trailingComma = /,\s*[\]}]/.exec(text);
      if (position === undefined && trailingComma) throw new ScenarioError([`${at(trailingComma.index)}: trailing comma (not allowed in JSON)`]);
      throw new ScenarioError([`${at(Number(position ?? 0))}: ${message}`]);
    }
  }
  let value: unknown;
  try {
    // An alias bomb (a billion laughs) expands to gigabytes: aliases are bounded, as the yaml library offers.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    throw new ScenarioError([`${at(0)}: ${(error as Error).message.split('\n')[0]} (at most ${MAX_ALIAS_COUNT} aliases)`]);
  }
  const located: Located[] = scenarioProblems(value);
  if (located.length > 0) {
    const problems = located.map((p) => ({ p, node: locate(doc, p.path, p.atKey ?? false) }));
    problems.sort((a, b) => (a.node?.range?.[0] ?? 0) - (b.node?.range?.[0] ?? 0));
    throw new ScenarioError([...new Set(problems.map(({ p, node }) => `${at(node?.range?.[0])}: ${p.message}`))]);
  }
  return value as Scenario;
}
