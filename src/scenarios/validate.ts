import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaText, validate as prebuilt } from '../../generated/scenario-validator.js';
import { formatPath, pointerParts } from '../base/json-path.js';
import { patternProblem } from './pattern.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './types.js';

/** A scenario that failed to load or check; each problem names where it is. */
export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
  }
}

/** A problem at a path inside the scenario. */
export interface Located {
  path: Array<string | number>;
  message: string;
  /** Point at the key itself (unknown keys) rather than its value. */
  atKey?: boolean;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function didYouMean(key: string, allowed: string[]): string {
  const best = allowed.map((name) => ({ name, distance: editDistance(key.toLowerCase(), name.toLowerCase()) })).sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean '${best.name}'?)` : '';
}

const pathOf = pointerParts;

export const describePath = (path: Array<string | number>) => formatPath(path) || 'the scenario';

function describe(error: ErrorObject): Located {
  const path = pathOf(error.instancePath);
  const where = describePath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return { path: [...path, key], atKey: true, message: `unknown key '${key}' in ${where}${didYouMean(key, allowed)}` };
    }
    case 'required':
      return { path, message: `${where} needs '${(error.params as { missingProperty: string }).missingProperty}'` };
    case 'enum':
      return { path, message: `${where} must be one of ${(error.schema as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { path, message: `${where} must be ${[error.schema].flat().join(' or ')}` };
    case 'minProperties':
    case 'maxProperties':
      return { path, message: `${where} must hold exactly one of 'reply' or 'error'` };
    default:
      return { path, message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

/** Rules a JSON schema states poorly: one action per rule, regexes that compile. */
function semanticProblems(value: unknown): Located[] {
  const problems: Located[] = [];
  const rules = (value as Partial<Scenario> | null)?.rules;
  if (!Array.isArray(rules)) return problems;
  rules.forEach((rule: Scenario['rules'][number], i) => {
    if (!rule || typeof rule !== 'object') return;
    const actions = (['reply', 'error', 'sequence'] as const).filter((key) => rule[key] !== undefined);
    if (actions.length !== 1) {
      problems.push({
        path: ['rules', i],
        message:
          actions.length === 0
            ? `rules[${i}] needs one of 'reply', 'error' or 'sequence'`
            : `rules[${i}] has ${actions.map((a) => `'${a}'`).join(' and ')}: give only one`,
      });
    }
    for (const key of ['lastMessage', 'anyMessage'] as const) {
      const pattern = rule.match?.[key]?.matches;
      if (typeof pattern !== 'string') continue;
      const problem = patternProblem(pattern);
      if (problem) problems.push({ path: ['rules', i, 'match', key, 'matches'], message: `bad regular expression: ${problem}` });
    }
  });
  return problems;
}

let fresh: boolean | undefined;
/**
 * Compiled at build time (scripts/build-validators.mjs), so checking a scenario,
 * a synchronous call (`use()`), never waits for Ajv. A build older than the schema is refused, never used.
 */
function scenarioValidator(): ValidateFunction {
  fresh ??= schemaText === JSON.stringify(scenarioSchema);
  if (!fresh) throw new Error('completions-mock: generated/scenario-validator.js is older than the scenario schema; run `npm run build`');
  return prebuilt;
}

/** Every problem of a scenario value, by path: schema violations, then the rules a schema cannot state. */
export function scenarioProblems(value: unknown): Located[] {
  const validate = scenarioValidator();
  const located: Located[] = validate(value) ? [] : (validate.errors ?? []).map(describe);
  return [...located, ...semanticProblems(value)];
}

/**
 * Checks scenarios written in code (`createMock({ scenarios })`, `use()`) as
 * files are checked: misuse throws a ScenarioError naming each problem.
 */
export function assertScenario(value: unknown, label: string): void {
  const problems = scenarioProblems(value);
  if (problems.length > 0) throw new ScenarioError(problems.map((p) => `${label}: ${p.message}`));
}
