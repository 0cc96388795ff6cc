import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { completion, newMock, user, weatherTool } from './helpers.js';

describe('small fidelity slips', () => {
  it('max_tokens: 1 with a tool call reports completion_tokens: 1 and finish_reason length', async () => {
    const body = await completion(newMock(), {
      model: 'gpt-4o',
      messages: [user('weather in Paris?')],
      tools: [weatherTool],
      tool_choice: 'required',
      max_tokens: 1,
    });
    expect(body.usage.completion_tokens).toBe(1);
    expect(body.choices[0].finish_reason).toBe('length');
  });

  it('mock.fetch with an already-aborted signal rejects with an AbortError, as fetch does', async () => {
    const mock = newMock();
    const request = () => ['http://x/v1/models', { signal: AbortSignal.abort() }] as const;
    const [url, init] = request();
    const real = await fetch(url, init).catch((e: unknown) => e);
    const mocked = await mock.fetch(url, init).catch((e: unknown) => e);
    expect(mocked).toBeInstanceOf(DOMException);
    expect((mocked as DOMException).name).toBe('AbortError');
    expect((mocked as DOMException).name).toBe((real as DOMException).name);
    expect(mock.requests).toHaveLength(0);
    // Through the SDK: its own abort error.
    const client = new OpenAI({ apiKey: 'k', fetch: mock.fetch, maxRetries: 0 });
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
  });
});
