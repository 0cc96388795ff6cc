import { mismatch, type MatchView } from './match.js';
import type { ActionSpec, Rule, Scenario } from './types.js';
import { assertScenario } from './validate.js';

export interface Selected {
  action?: ActionSpec;
  rule?: string;
  /** When rules exist and none matched: why each did not. */
  unmatched?: string;
}

/** The `unmatched` explanation stops after this many characters, whatever the rules and the request hold. */
export const MAX_EXPLANATION = 2000;

function explain(reasons: string[]): string {
  let text = 'no rule matched:';
  for (const [i, reason] of reasons.entries()) {
    const next = `${i === 0 ? ' ' : '; '}${reason.length > 300 ? `${reason.slice(0, 300)}...` : reason}`;
    if (text.length + next.length > MAX_EXPLANATION) return `${text}; and ${reasons.length - i} more rules`;
    text += next;
  }
  return text;
}

interface NamedRule {
  rule: Rule;
  name: string;
}

function actionOf(rule: Rule, call: number): ActionSpec | undefined {
  if (rule.sequence?.length) return rule.sequence[Math.min(call, rule.sequence.length - 1)];
  if (rule.error) return { error: rule.error };
  if (rule.reply) return { reply: rule.reply };
  return undefined;
}

function checked(scenarios: Scenario[]): Scenario[] {
  scenarios.forEach((scenario, i) => assertScenario(scenario, `scenarios[${i}]`));
  return scenarios;
}

function nameScenarioRules(scenarios: Scenario[]): NamedRule[] {
  return scenarios.flatMap((scenario, s) =>
    scenario.rules.map((rule, i) => ({
      rule,
      name: rule.name ?? `${scenario.name ?? `scenario ${s + 1}`} #${i + 1}`,
    })),
  );
}

/**
 * The loaded scenario rules plus those added by `use()`, which come first.
 * First matching rule wins. Each rule counts its calls, which drive `sequence`
 * steps and `times`; `reset()` drops `use()` rules and clears the counters.
 */
export class RuleSet {
  #used: NamedRule[] = [];
  #base: NamedRule[];
  #calls = new Map<Rule, number>();

  constructor(scenarios: Scenario[] = []) {
    this.#base = nameScenarioRules(checked(scenarios));
  }

  get size(): number {
    return this.#used.length + this.#base.length;
  }

  setScenarios(scenarios: Scenario[]): void {
    this.#base = nameScenarioRules(checked(scenarios));
    this.#calls.clear();
  }

  use(rules: Rule[]): void {
    assertScenario({ rules }, 'use()');
    const added = rules.map((rule, i) => ({ rule, name: rule.name ?? `use() #${this.#used.length + i + 1}` }));
    this.#used = [...added, ...this.#used];
  }

  reset(): void {
    this.#used = [];
    this.#calls.clear();
  }

  select(view: MatchView): Selected {
    if (this.size === 0) return {};
    const reasons: string[] = [];
    for (const { rule, name } of [...this.#used, ...this.#base]) {
      const calls = this.#calls.get(rule) ?? 0;
      if (rule.times !== undefined && calls >= rule.times) {
        reasons.push(`${name}: used up after ${rule.times}`);
        continue;
      }
      const why = mismatch(rule.match, view);
      if (why) {
        reasons.push(`${name}: ${why}`);
        continue;
      }
      this.#calls.set(rule, calls + 1);
      return { action: actionOf(rule, calls), rule: name };
    }
    return { unmatched: explain(reasons) };
  }
}
