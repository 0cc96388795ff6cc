import { describe, expect, it } from 'vitest';
import { createMock } from '../src/index.js';
import { answerProblem, sample } from '../fuzz/bodies.js';

// The suite's small share of `npm run fuzz`: a few hundred fuzzed bodies, every answer checked.
describe('fuzzed bodies (smoke run of npm run fuzz)', () => {
  it('300 bodies: no 5xx, every error OpenAI-shaped JSON, every 200 true to its schemas', async () => {
    const mock = createMock({ latency: false });
    const problems: string[] = [];
    for (const req of sample(300, 7)) {
      const res = await mock.fetch(`http://mock.test${req.path}`, {
        method: req.method,
        headers: req.headers,
        ...(req.body && req.method !== 'GET' ? { body: req.body } : {}),
      });
      const problem = answerProblem(req, res.status, res.headers.get('content-type') ?? '', await res.text());
      if (problem) problems.push(`${problem} for ${req.body.slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });
});
