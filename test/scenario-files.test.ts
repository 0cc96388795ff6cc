import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { tempDir } from './helpers.js';
import { describe, expect, it } from 'vitest';
import { loadScenarios, ScenarioError } from '../src/node.js';
import { scenarioSchema } from '../src/scenarios/schema.js';

const dir = tempDir('scenarios-');
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function problemsOf(paths: string[]): Promise<string[]> {
  const error = await loadScenarios(paths).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ScenarioError);
  return (error as ScenarioError).problems;
}

describe('scenario files', () => {
  it('reports every problem at once, each at its file:line:col', async () => {
    const file = write(
      'broken.yaml',
      [
        'name: broken',
        'rules:',
        '  - match:',
        '      modle: "gpt-4o*"',
        '      lastMessage: { role: user, matches: "([a-z" }',
        '    reply: { content: hi }',
        '  - match: { stream: "yes" }',
        '    error: { status: 418 }',
        '  - reply: { maxTokens: 5 }',
        '    error: { status: 500 }',
        '  - match: { model: x }',
        '',
      ].join('\n'),
    );
    expect(await problemsOf([file])).toEqual([
      `${file}:4:7: unknown key 'modle' in rules[0].match (did you mean 'model'?)`,
      `${file}:5:43: bad regular expression: error parsing regexp: missing closing ]: \`[a-z\``,
      `${file}:7:22: rules[1].match.stream must be boolean`,
      `${file}:8:22: rules[1].error.status must be one of 400, 401, 403, 404, 409, 422, 429, 500, 503`,
      `${file}:9:5: rules[2] has 'reply' and 'error': give only one`,
      `${file}:11:5: rules[3] needs one of 'reply', 'error' or 'sequence'`,
    ]);
  });

  it('points at the key of a misspelt action, and at YAML syntax errors', async () => {
    const typo = write('typo.yml', 'rules:\n  - relpy:\n      content: x\n');
    expect(await problemsOf([typo])).toEqual([
      `${typo}:2:5: unknown key 'relpy' in rules[0] (did you mean 'reply'?)`,
      `${typo}:2:5: rules[0] needs one of 'reply', 'error' or 'sequence'`,
    ]);
    const syntax = write('syntax.yaml', 'rules:\n  - reply: {content: [1, 2}\n');
    const [first] = await problemsOf([syntax]);
    expect(first).toMatch(new RegExp(`^${syntax.replace(/[.]/g, '\\.')}:2:\\d+: `));
  });

  it('reads JSON files with positions too, and gathers problems across files', async () => {
    const json = write('bad.json', '{\n  "rules": [\n    { "reply": { "content": 1 } }\n  ]\n}\n');
    const yaml = write('bad2.yaml', 'rules: {}\n');
    expect(await problemsOf([json, yaml])).toEqual([`${json}:3:29: rules[0].reply.content must be string`, `${yaml}:1:8: rules must be array`]);
  });

  it('holds .json files to JSON: a trailing comma is reported where it is', async () => {
    const json = write('comma.json', '{\n  "rules": [\n    { "reply": { "content": "x" } },\n  ]\n}\n');
    const [problem] = await problemsOf([json]);
    expect(problem).toBe(`${json}:3:36: trailing comma (not allowed in JSON)`);
  });

  it('loads a folder of files in name order, and names a missing path', async () => {
    const folder = tempDir('scenario-folder-');
    writeFileSync(join(folder, 'b.yaml'), 'name: b\nrules: []\n');
    writeFileSync(join(folder, 'a.json'), '{"name": "a", "rules": []}');
    writeFileSync(join(folder, 'notes.txt'), 'not a scenario');
    expect((await loadScenarios([folder])).map((s) => s.name)).toEqual(['a', 'b']);
    expect(await problemsOf([join(folder, 'missing.yaml')])).toEqual([`${join(folder, 'missing.yaml')}:1:1: no such file or folder`]);
  });

  it('ships valid examples, and a schema editors can use', async () => {
    const root = resolve(import.meta.dirname, '..');
    const scenarios = await loadScenarios([join(root, 'scenarios')]);
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
    const shipped = JSON.parse(readFileSync(join(root, 'scenario.schema.json'), 'utf8'));
    // The committed file is the loader's schema (`npm run schema` rewrites it).
    expect(shipped).toEqual(JSON.parse(JSON.stringify(scenarioSchema)));
    const validate = new Ajv({ strict: false }).compile(shipped);
    const example = parse(readFileSync(join(root, 'scenarios/tool-round-trip.yaml'), 'utf8'));
    expect(validate(example)).toBe(true);
  });
});
