// The cost of a Responses request as a ratio to a chat completion of the same conversation,
// measured in the same run with distinct prompts (no body seen before). The two alternate
// request by request, each timed in CPU time (this process's, GC threads included: what a
// request costs, not how long it waited for a core), so garbage one side leaves for the
// collector is as likely to be paid during the other's request as its own. A round's figure
// is the ratio of the two sums; the table gives the median of the rounds.
import OpenAI from 'openai';
import { unpacedText } from '../dist/base/frames.js';
import { createMock } from 'completions-mock';
import { benchClientOptions, cpuMicros, median } from './stats.mjs';

const tools = ['get_weather', 'create_event', 'send_email'].map((name, i) => ({
  name,
  description: `Tool number ${i}`,
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, count: { type: 'integer', minimum: 1, maximum: 9 } },
    required: ['city', 'count'],
    additionalProperties: false,
  },
}));

// Each case: the chat body and the Responses body of take i.
const CASES = {
  'plain text': (i) => [
    { model: 'gpt-4o', messages: [{ role: 'user', content: `Tell me something, take ${i}` }] },
    { model: 'gpt-4o', input: `Tell me something, take ${i}` },
  ],
  'plain text, store: false (not kept for retrieval)': (i) => [
    { model: 'gpt-4o', messages: [{ role: 'user', content: `Tell me something, take ${i}` }] },
    { model: 'gpt-4o', input: `Tell me something, take ${i}`, store: false },
  ],
  'plain text, streamed': (i) => [
    { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `Stream something, take ${i}` }] },
    { model: 'gpt-4o', stream: true, input: `Stream something, take ${i}` },
  ],
  '3 tools (required)': (i) => [
    {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: `Do things, take ${i}` }],
      tools: tools.map((f) => ({ type: 'function', function: f })),
      tool_choice: 'required',
    },
    { model: 'gpt-4o', input: `Do things, take ${i}`, tools: tools.map((f) => ({ type: 'function', ...f })), tool_choice: 'required' },
  ],
};

/** Rounds of alternating requests: the median µs per request of each side and the median of the rounds' ratios. */
async function paired(chat, responses, make, { rounds, block }) {
  const c = [];
  const r = [];
  for (let round = 0; round < rounds + 1; round++) {
    let chatSum = 0;
    let responsesSum = 0;
    for (let i = 0; i < block; i++) {
      const [chatBody, responsesBody] = make();
      const order = i % 2 ? [responses, chat] : [chat, responses];
      for (const run of order) {
        const start = cpuMicros();
        await run(run === chat ? chatBody : responsesBody);
        const spent = cpuMicros() - start;
        if (run === chat) chatSum += spent;
        else responsesSum += spent;
      }
    }
    if (round === 0) continue; // warm-up
    c.push(chatSum / block);
    r.push(responsesSum / block);
  }
  return { chat: median(c), responses: median(r), ratio: median(r.map((x, i) => x / c[i])) };
}

export async function benchResponses({ rounds = 15, block = 800 } = {}) {
  const mock = createMock({ journalLimit: 10 });
  // The answer as the transports send it: the plan, then its wire text as one string (a stream's
  // events joined, which is where a stream's text is flattened if its endpoint did not write it in one go).
  const handle = (path) => async (body) => {
    const { plan } = await mock.handle({ method: 'POST', path, headers: {}, body });
    if (plan.status !== 200) throw new Error(JSON.stringify(plan.body));
    wire[path] += Buffer.byteLength(plan.kind === 'stream' ? unpacedText(plan) : plan.body);
  };
  // Bytes each side sent, per case: a Responses answer is longer (it echoes the request's settings,
  // a stream repeats the response object and names every event), and writing bytes costs.
  const wire = { '/v1/chat/completions': 0, '/v1/responses': 0 };
  const chat = handle('/v1/chat/completions');
  const responses = handle('/v1/responses');
  const results = {};
  let take = 0;
  for (const [name, make] of Object.entries(CASES)) {
    wire['/v1/chat/completions'] = wire['/v1/responses'] = 0;
    const result = await paired(chat, responses, () => make(take++).map((b) => JSON.stringify(b)), { rounds, block });
    results[`core (mock.handle + wire text): ${name}`] = { ...result, bytes: wire['/v1/responses'] / wire['/v1/chat/completions'] };
  }
  // End to end through the openai SDK, with mock.fetch as its fetch (no socket), streamed or not.
  // A fetch that answers with the mock's answers to distinct prompts, made beforehand, in turn: the
  // SDK's own work per answer depends on its length (a stream's on its events), so one fixed
  // answer would weigh the SDK by that answer's length, not by the answers the mock gives.
  const POOL = 256;
  const replaying = async (path, bodyOf) => {
    const pool = [];
    for (let i = 0; i < POOL; i++) {
      // With its headers: the SDK reads some, such as the request id.
      const res = await mock.fetch(`http://mock.test/v1${path}`, { method: 'POST', body: JSON.stringify(bodyOf(`Pooled, take ${i}`)) });
      pool.push({ text: await res.text(), headers: Object.fromEntries(res.headers) });
    }
    let next = 0;
    // In the kind of Response mock.fetch answers with: a stream's is standard, a JSON answer's
    // text is read back without a stream (text-response.ts).
    const { textResponse } = await import('../dist/base/text-response.js');
    return async () => {
      const { text, headers } = pool[next++ % POOL];
      return headers['content-type'].startsWith('text/event-stream')
        ? new Response(text, { status: 200, headers })
        : textResponse(text, { status: 200, headers });
    };
  };
  for (const stream of [false, true]) {
    const how = stream ? 'create({ stream: true }), every event read' : 'create()';
    // A streamed call is done when its last event is read.
    const drain = async (call) => {
      const result = await call;
      if (stream) for await (const event of result) void event;
    };
    const chatBody = (content) => ({ model: 'gpt-4o', stream, messages: [{ role: 'user', content }] });
    const responsesBody = (content) => ({ model: 'gpt-4o', stream, input: content });
    const chatCall = (sdk) => (i) => drain(sdk.chat.completions.create(chatBody(`Through the SDK, take ${i}`)));
    const responsesCall = (sdk) => (i) => drain(sdk.responses.create(responsesBody(`Through the SDK, take ${i}`)));
    const client = new OpenAI({ ...benchClientOptions, fetch: mock.fetch });
    const whole = await paired(chatCall(client), responsesCall(client), () => [take, take++], { rounds, block: block / 2 });
    results[`openai SDK ${how}, via mock.fetch`] = whole;
    // The SDK's own part of that: the same calls answered by the mock's answers made beforehand.
    // A Responses answer is longer (the wire format echoes the request's settings, a stream names
    // every event) and the SDK adds output_text to it, so the SDK alone costs more per Responses
    // call; the mock's part is the rest.
    const replayChat = new OpenAI({ ...benchClientOptions, fetch: await replaying('/chat/completions', chatBody) });
    const replayResponses = new OpenAI({ ...benchClientOptions, fetch: await replaying('/responses', responsesBody) });
    const sdk = await paired(chatCall(replayChat), responsesCall(replayResponses), () => [take, take++], { rounds, block: block / 2 });
    results[`openai SDK ${how}, answers made beforehand (the SDK alone)`] = sdk;
    // A streamed call's part of the mock (~30 µs, the core rows above) is within the noise of two
    // ~1.2 ms figures: the difference is given for answers that are not streamed only.
    if (stream) continue;
    const part = { chat: whole.chat - sdk.chat, responses: whole.responses - sdk.responses };
    results[`openai SDK ${how}, via mock.fetch, less the SDK alone (the part the mock costs)`] = { ...part, ratio: part.responses / part.chat };
  }
  return results;
}
