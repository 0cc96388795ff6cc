import { GENERATED } from './schema-limits.js';
import { isSchema, resolvePointer as resolve, selfLoopProblem } from './schema-loops.js';

/**
 * An upper bound on what generating one value for a caller's schema costs,
 * in characters of output, worked out from the schema alone before anything
 * is generated. Limits on single keywords (minItems 500, minLength 5000) do
 * not bound the whole: nested, they multiply. This multiplies them too, so a
 * 254-byte schema asking for a gigabyte gets its 400 at once.
 *
 * The bound follows the generator's own rules (json-schema-faker, with every
 * optional property filled, arrays filled up to their generated maximum, refs
 * cut at GENERATION_DEPTH) and the clamps of `schema-limits.ts`.
 */

/** Most characters one generated value (a json_schema answer, one tool call's arguments) may take. */
export const VALUE_BUDGET = 100_000;
/** Most characters one request may generate over all its choices and tool calls. */
export const REQUEST_BUDGET = 200_000;
/** Every generated value also costs fixed work (setup, validation), counted as this many characters. */
const VALUE_OVERHEAD = 500;
/** Enum values over a whole schema, as in the real API's structured outputs. */
const MAX_ENUM_VALUES = 1000;
/** Characters of a string enum's values, when it has more than 250 (the real API's rule). */
const MAX_LARGE_ENUM_CHARS = 15_000;
/**
 * How deep generation nests objects and arrays (json-schema-faker's maxDepth):
 * deeper, objects hold only their required properties with plain values and a
 * recursive `$ref` ends in null. The real API's strict schemas nest 10 levels.
 */
export const GENERATION_DEPTH = 12;

type Schema = Record<string, unknown>;

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
/** A JSON value's length (of small values: enum entries, consts, defaults). */
const jsonLength = (value: unknown): number => (JSON.stringify(value) ?? 'null').length;

const MIN_KEYS = ['minItems', 'minLength', 'minProperties', 'minContains', 'minimum', 'exclusiveMinimum'];
const MAX_KEYS = ['maxItems', 'maxLength', 'maxProperties', 'maxContains', 'maximum', 'exclusiveMaximum'];

/** allOf branches merged as the generator merges them (bounds tightened, properties joined). */
function merge(base: Schema, other: Schema): Schema {
  const out: Schema = { ...base };
  for (const [key, value] of Object.entries(other)) {
    const mine = out[key];
    if (MIN_KEYS.includes(key) && typeof mine === 'number' && typeof value === 'number') out[key] = Math.max(mine, value);
    else if (MAX_KEYS.includes(key) && typeof mine === 'number' && typeof value === 'number') out[key] = Math.min(mine, value);
    else if ((key === 'allOf' || key === 'required') && Array.isArray(mine) && Array.isArray(value)) out[key] = [...mine, ...value];
    else if (key === 'properties' && isSchema(mine) && isSchema(value)) {
      const props: Schema = { ...mine };
      for (const [name, sub] of Object.entries(value)) props[name] = isSchema(props[name]) && isSchema(sub) ? merge(props[name] as Schema, sub) : sub;
      out[key] = props;
    } else out[key] = value;
  }
  return out;
}

/** Longest string a `pattern` can produce: quantifiers multiply what they repeat (`*` and `+` give at most 5). */
export function patternLength(pattern: string): number {
  const stack: number[][] = [[0]]; // per open group: alternatives' lengths, the last being built
  let last = 0; // length of the last atom, for a quantifier to multiply
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const current = stack.at(-1)!;
    const add = (n: number) => {
      current[current.length - 1]! += n;
      last = n;
    };
    if (c === '\\') {
      i++;
      add(1);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      i = end < 0 ? pattern.length : end;
      add(1);
    } else if (c === '(') {
      stack.push([0]);
    } else if (c === ')' && stack.length > 1) {
      const group = Math.max(...stack.pop()!);
      const parent = stack.at(-1)!;
      parent[parent.length - 1]! += group;
      last = group;
    } else if (c === '|') {
      current.push(0);
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let times = c === '?' ? 1 : 5;
      if (c === '{') {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(pattern.slice(i));
        if (!m) {
          add(1);
          continue;
        }
        const low = Number(m[1]);
        times = m[2] === undefined ? low : m[3] ? Number(m[3]) : low + 5;
        i += m[0].length - 1;
      }
      // Lazy or possessive markers change nothing here.
      if (pattern[i + 1] === '?' || pattern[i + 1] === '+') i++;
      current[current.length - 1]! += last * (times - 1);
      last *= times;
    } else if (c !== '^' && c !== '$') {
      add(1);
    }
  }
  return Math.max(...stack[0]!);
}

interface Walk {
  root: unknown;
  /** Memo per ref and the depth it is reached at: shared definitions are costed once per depth. */
  refs: Map<string, number>;
  /** Refs being costed, by depth: met again at the same depth, the schema loops with no object or array between. */
  active: Set<string>;
  enumValues: number;
  problem?: string;
}

/** A schema with no type says nothing: the generator picks any small value. */
const FREE_VALUE = 64;
/** A string with a `format` or a realistic generated string (names, cities, phrases). */
const FORMATTED_STRING = 160;

function stringCost(node: Schema): number {
  const min = num(node.minLength) ?? 0;
  const max = num(node.maxLength);
  let length = Math.max(min, Math.min(max ?? min + 10, Math.max(GENERATED.length, min)));
  if (typeof node.pattern === 'string') length = Math.max(length, patternLength(node.pattern));
  if (typeof node.format === 'string' || (min === 0 && max === undefined)) length = Math.max(length, FORMATTED_STRING);
  // Escapes (\u0000) can make a character six.
  return 2 + length;
}

function typeOf(node: Schema): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  if (node.properties || node.required || node.additionalProperties !== undefined || node.patternProperties || node.minProperties !== undefined)
    return ['object'];
  if (node.items || node.prefixItems || node.contains || node.minItems !== undefined || node.maxItems !== undefined) return ['array'];
  if (node.minLength !== undefined || node.maxLength !== undefined || node.pattern !== undefined || node.format !== undefined) return ['string'];
  if (node.minimum !== undefined || node.maximum !== undefined || node.multipleOf !== undefined) return ['number'];
  return [];
}

function countEnum(node: Schema, walk: Walk): void {
  if (!Array.isArray(node.enum)) return;
  walk.enumValues += node.enum.length;
  if (walk.enumValues > MAX_ENUM_VALUES) walk.problem ??= `it has more than ${MAX_ENUM_VALUES} enum values; the limit is ${MAX_ENUM_VALUES}`;
  if (node.enum.length > 250) {
    let chars = 0;
    for (const value of node.enum) if (typeof value === 'string') chars += value.length;
    if (chars > MAX_LARGE_ENUM_CHARS)
      walk.problem ??= `an enum of ${node.enum.length} values holds ${chars} characters; past 250 values the limit is ${MAX_LARGE_ENUM_CHARS}`;
  }
}

function arrayCost(node: Schema, walk: Walk, depth: number): number {
  const min = Math.max(num(node.minItems) ?? 0, num(node.minContains) ?? 0);
  const declaredMax = num(node.maxItems);
  const max = declaredMax === undefined ? Math.max(min, 3) : Math.max(min, Math.min(declaredMax, GENERATED.items));
  const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : [];
  if (depth >= GENERATION_DEPTH) return 2 + min * 5;
  depth++;
  let cost = 2;
  for (const [i, item] of prefix.entries()) if (i < max) cost += 1 + cost_(item, walk, depth);
  const rest = Math.max(0, max - prefix.length);
  if (rest > 0) cost += rest * (1 + (node.items === undefined || node.items === true ? FREE_VALUE : cost_(node.items, walk, depth)));
  if (node.contains !== undefined) cost += Math.max(1, num(node.maxContains) ?? min) * (1 + cost_(node.contains, walk, depth));
  // Unique plain items are drawn again when they repeat (the generator keeps uniqueness only for those).
  return node.uniqueItems === true ? cost * 2 : cost;
}

function objectCost(node: Schema, walk: Walk, depth: number): number {
  const properties = isSchema(node.properties) ? node.properties : {};
  if (depth >= GENERATION_DEPTH) {
    const required = Array.isArray(node.required) ? node.required : [];
    return 2 + required.reduce<number>((sum, name) => sum + String(name).length + 12, 0);
  }
  depth++;
  let cost = 2;
  let count = 0;
  for (const [name, sub] of Object.entries(properties)) {
    cost += name.length + 4 + cost_(sub, walk, depth);
    count++;
  }
  const required = Array.isArray(node.required) ? node.required.filter((name) => typeof name === 'string' && !(name in properties)) : [];
  const extraSchema = isSchema(node.additionalProperties) ? node.additionalProperties : undefined;
  const patterns = isSchema(node.patternProperties) ? Object.values(node.patternProperties) : [];
  const extraCost = Math.max(extraSchema ? cost_(extraSchema, walk, depth) : FREE_VALUE, ...patterns.map((p) => cost_(p, walk, depth)));
  for (const name of required) cost += (name as string).length + 4 + extraCost;
  const more = Math.max(0, Math.min(num(node.minProperties) ?? 0, Math.max(GENERATED.properties, num(node.minProperties) ?? 0)) - count - required.length);
  cost += more * (24 + extraCost);
  return cost;
}

function cost_(value: unknown, walk: Walk, depth: number): number {
  if (value === true || (isSchema(value) && Object.keys(value).length === 0)) return FREE_VALUE;
  if (!isSchema(value)) return 0;
  let node = value;
  if (typeof node.$ref === 'string') {
    const key = `${node.$ref}@${depth}`;
    // Only stops the walk: real loops are found (and worded) by selfLoopProblem, and a
    // definition referred to twice inside a merged allOf is not one.
    if (walk.active.has(key)) return 4;
    let target = walk.refs.get(key);
    if (target === undefined) {
      walk.active.add(key);
      target = cost_(resolve(walk.root, node.$ref), walk, depth);
      walk.active.delete(key);
      walk.refs.set(key, target);
    }
    const { $ref: _ref, ...siblings } = node;
    return Object.keys(siblings).length > 0 ? Math.max(target, cost_(siblings, walk, depth)) : target;
  }
  if (Array.isArray(node.allOf)) {
    // The generator resolves refs among allOf's branches, then merges them: so does this.
    const { allOf, ...base } = node;
    const entered: string[] = [];
    const branches = (allOf as unknown[]).map((branch) => {
      if (!isSchema(branch) || typeof branch.$ref !== 'string') return branch;
      const key = `${branch.$ref}@${depth}`;
      if (walk.active.has(key)) return {};
      walk.active.add(key);
      entered.push(key);
      return resolve(walk.root, branch.$ref);
    });
    const merged = branches.filter(isSchema).reduce<Schema>((acc, branch) => merge(acc, branch), base);
    const cost = cost_(merged, walk, depth);
    for (const key of entered) walk.active.delete(key);
    return cost;
  }
  countEnum(node, walk);
  if (node.const !== undefined) return jsonLength(node.const);
  if (Array.isArray(node.enum)) return node.enum.reduce<number>((most, v) => Math.max(most, jsonLength(v)), 4);
  const { anyOf, oneOf, if: _if, then, else: otherwise, ...base } = node;
  const branches = [anyOf, oneOf].filter(Array.isArray).flat() as unknown[];
  if (then !== undefined || otherwise !== undefined) branches.push(then ?? {}, otherwise ?? {});
  if (branches.length > 0) {
    return branches.reduce<number>((most, branch) => Math.max(most, cost_(isSchema(branch) ? merge(base, branch) : branch, walk, depth)), 0);
  }
  const types = typeOf(node);
  if (types.length === 0) return FREE_VALUE;
  let most = 0;
  for (const type of types) {
    const cost =
      type === 'object'
        ? objectCost(node, walk, depth)
        : type === 'array'
          ? arrayCost(node, walk, depth)
          : type === 'string'
            ? stringCost(node)
            : type === 'boolean'
              ? 5
              : type === 'null'
                ? 4
                : 24;
    most = Math.max(most, cost);
  }
  return most;
}

/** The bound, in characters, and the first limit the schema breaks on the way (enum sizes), if any. */
export function generationCost(schema: unknown): { chars: number; problem?: string } {
  const walk: Walk = { root: schema, refs: new Map(), active: new Set(), enumValues: 0 };
  const chars = VALUE_OVERHEAD + cost_(schema, walk, 0);
  return walk.problem ? { chars, problem: walk.problem } : { chars };
}

/** Why generating a value for this schema is refused, worded for a 400, or undefined. */
export function budgetProblem(schema: unknown, cost: { chars: number; problem?: string | undefined } = generationCost(schema)): string | undefined {
  const loop = selfLoopProblem(schema);
  if (loop) return loop;
  const { chars, problem } = cost;
  if (problem) return problem;
  if (chars > VALUE_BUDGET) {
    return `a value for it takes up to ${chars > 1e12 ? 'more than a trillion' : Math.round(chars).toLocaleString('en-US')} characters; the mock generates at most ${VALUE_BUDGET.toLocaleString('en-US')} characters per value`;
  }
  return undefined;
}
