import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonPlan, StreamPlan } from '../src/base/plan.js';
import { createMock } from '../src/index.js';
import { eventsOf, unpacedText } from '../src/base/frames.js';
import { coreOf } from '../src/mock/mock.js';
import type { ReplySpec } from '../src/scenarios/types.js';
import { weatherTool } from './helpers.js';

// A chat stream is written as one SSE text (StreamPlan.text) when nothing waits; its events are
// made from that text. Read chunk by chunk, it must say what the same request answers unstreamed.
/** The plan of a streamed 'hi' answered by a rule with this reply. */
async function streamWith(reply: ReplySpec): Promise<StreamPlan> {
  const mock = createMock({ scenarios: [{ rules: [{ reply }] }] });
  const { plan } = await coreOf(mock).handle({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return plan as StreamPlan;
}

interface Chunk {
  id: string;
  object: string;
  choices: Array<{
    index: number;
    delta: { content?: string | null; refusal?: string | null; tool_calls?: Array<{ index: number; function: { name?: string; arguments?: string } }> };
    finish_reason: string | null;
  }>;
  usage?: unknown;
}

/** A stream's chunks put back together as the choices and usage of a chat.completion. */
function assemble(events: StreamPlan['events']) {
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data) as Chunk);
  const choices: Array<{ content: string | null; refusal: string | null; calls: string[]; finish: string | null }> = [];
  for (const chunk of chunks) {
    expect(chunk.object).toBe('chat.completion.chunk');
    expect(chunk.id).toBe(chunks[0]!.id);
    for (const { index, delta, finish_reason } of chunk.choices) {
      const choice = (choices[index] ??= { content: null, refusal: null, calls: [], finish: null });
      if (typeof delta.content === 'string') choice.content = (choice.content ?? '') + delta.content;
      if (typeof delta.refusal === 'string') choice.refusal = (choice.refusal ?? '') + delta.refusal;
      for (const call of delta.tool_calls ?? [])
        choice.calls[call.index] = (choice.calls[call.index] ?? `${call.function.name}:`) + (call.function.arguments ?? '');
      if (finish_reason) choice.finish = finish_reason;
    }
  }
  return { choices, usage: chunks.at(-1)!.usage ?? null };
}

describe('a chat stream written in one go', () => {
  it('says what the same request answers unstreamed, for any mix of choices, tools, logprobs, usage and cuts', async () => {
    const mock = createMock({
      scenarios: [
        {
          rules: [
            { match: { lastMessage: { contains: 'refuse' } }, reply: { refusal: 'I cannot help with that.' } },
            // Content that needs escaping breaks the runs of plain pieces.
            { match: { lastMessage: { contains: 'quote' } }, reply: { content: 'a "b"\n\\c 😀 \u2028 and plain words after it' } },
          ],
        },
      ],
    });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          text: fc.string({ maxLength: 40 }),
          refuse: fc.boolean(),
          quote: fc.boolean(),
          n: fc.integer({ min: 1, max: 3 }),
          tools: fc.constantFrom('none', 'auto', 'required'),
          logprobs: fc.boolean(),
          usage: fc.boolean(),
          model: fc.constantFrom('gpt-4o', 'o3-mini', 'gpt-4'),
          maxTokens: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        }),
        async (c) => {
          const reasoning = c.model === 'o3-mini';
          const body = {
            model: c.model,
            stream: true,
            n: c.n,
            messages: [{ role: 'user', content: `${c.text}${c.refuse ? ' refuse' : ''}${c.quote ? ' quote' : ''}` }],
            ...(c.tools === 'none' ? {} : { tools: [weatherTool], tool_choice: c.tools }),
            ...(c.logprobs && !reasoning ? { logprobs: true, top_logprobs: 2 } : {}),
            ...(c.usage ? { stream_options: { include_usage: true } } : {}),
            ...(c.maxTokens === undefined ? {} : { [reasoning ? 'max_completion_tokens' : 'max_tokens']: c.maxTokens }),
          };
          const ask = (sent: object) => coreOf(mock).handle({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: JSON.stringify(sent) });
          const stream = (await ask(body)).plan as StreamPlan;
          expect(stream.kind).toBe('stream');
          expect(stream.text).toBeDefined();
          const { stream: _, stream_options: __, ...unstreamed } = body as typeof body & { stream_options?: unknown };
          const whole = JSON.parse(((await ask(unstreamed)).plan as JsonPlan).body as string) as {
            choices: Array<{
              message: { content: string | null; refusal: string | null; tool_calls?: Array<{ function: { name: string; arguments: string } }> };
              finish_reason: string;
            }>;
            usage: unknown;
          };
          const streamed = assemble(stream.events);
          expect(streamed.choices).toEqual(
            whole.choices.map(({ message, finish_reason }) => ({
              content: message.content,
              refusal: message.refusal,
              calls: (message.tool_calls ?? []).map((call) => `${call.function.name}:${call.function.arguments}`),
              finish: finish_reason,
            })),
          );
          expect(streamed.usage).toEqual(c.usage ? whole.usage : null);
          expect(stream.text!.endsWith('data: [DONE]\n\n')).toBe(true);
        },
      ),
      { numRuns: 150, seed: 20261126 },
    );
  });

  it('is not written when its events wait (latency): they are sent one by one, paced', async () => {
    const stream = await streamWith({ latency: { tokensPerSecond: 50 } });
    expect(stream.text).toBeUndefined();
    expect(stream.events.length).toBeGreaterThan(3);
    expect(stream.events.slice(1, -1).every((e) => e.delayMs === 20)).toBe(true);
  });

  it('gives way to events set anew: they are what is sent', async () => {
    const stream = await streamWith({});
    expect(stream.text).toBeDefined();
    const replaced = [{ data: '{"replaced":true}', delayMs: 0 }];
    stream.events = replaced;
    expect(stream.text).toBeUndefined();
    expect(unpacedText(stream)).toBe('data: {"replaced":true}\n\n');
  });

  it('is not written when the stream fails part-way: its events end in the error instead', async () => {
    const stream = await streamWith({ streamErrorAfterChunks: 2 });
    expect(stream.text).toBeUndefined();
    expect(stream.events).toHaveLength(3);
    expect(JSON.parse(stream.events[2]!.data)).toMatchObject({ error: { type: 'server_error' } });
  });
});

describe('a stream written as SSE text, made into events when it waits or is cut', () => {
  const event = fc.record(
    {
      event: fc.stringMatching(/^[a-z_.]{1,30}$/),
      // Payloads as endpoints write them: JSON, so no raw line break.
      data: fc.jsonValue().map((value) => JSON.stringify(value)),
    },
    { requiredKeys: ['data'] },
  );

  it('gives back the events its frames were written from, paced', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), fc.nat(500), fc.nat(100), (events, first, gap) => {
        const text = unpacedText({ kind: 'stream', status: 200, headers: {}, events: events.map((e) => ({ ...e, delayMs: 0 })) })!;
        expect(eventsOf(text, first, gap)).toEqual(events.map((e, i) => ({ ...e, delayMs: i === 0 ? first : gap })));
        // A last frame left open still ends: the text's end ends it.
        if (events.length > 0) expect(eventsOf(text.slice(0, -2), first, gap)).toHaveLength(events.length);
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('says the same in a Responses stream whether its events wait or not', async () => {
    const mock = createMock();
    const respond = async (reply: ReplySpec) => {
      mock.reset();
      mock.use({ reply });
      const { plan } = await coreOf(mock).handle({
        method: 'POST',
        path: '/v1/responses',
        headers: {},
        body: JSON.stringify({ model: 'gpt-4o', stream: true, input: 'say the same' }),
      });
      return plan as StreamPlan;
    };
    const whole = await respond({});
    const paced = await respond({ latency: { firstTokenMs: 100, tokensPerSecond: 50 } });
    expect(paced.text).toBeUndefined();
    expect(paced.events[0]!.delayMs).toBeGreaterThan(50);
    expect(paced.events.length).toBeGreaterThan(3);
    expect(paced.events.slice(1).every((e) => e.delayMs === 20)).toBe(true);
    // Failing at once: the error is the stream's first event, due when its first token was.
    const failed = await respond({ latency: { firstTokenMs: 100, tokensPerSecond: 50 }, streamErrorAfterChunks: 0 });
    expect(failed.events.map((e) => [e.event, JSON.parse(e.data).sequence_number])).toEqual([
      ['error', 0],
      ['response.failed', 1],
    ]);
    expect(failed.events[0]!.delayMs).toBeGreaterThan(50);
    expect(failed.events[1]!.delayMs).toBe(20);
    // Ids and times differ from one response to the next; everything else is the same.
    const same = (text: string) => text.replace(/"(resp|msg)_[0-9a-f]+"/g, '"$1_"').replace(/"(created_at|completed_at)":\d+/g, '"$1":0');
    expect(same(unpacedText({ ...paced, events: paced.events.map((e) => ({ ...e, delayMs: 0 })) })!)).toBe(same(whole.text!));
    expect(whole.events.map((e) => e.event)).toEqual(paced.events.map((e) => e.event));
  });
});
