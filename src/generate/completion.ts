import { isReasoningModel } from '../spec/models.js';
import type { ReplySpec } from '../scenarios/types.js';
import type { AnswerKnobs, Conversation, GenerationRequest } from '../spec/conversation.js';
import type { FinishReason, LogprobEntry, Usage } from '../spec/types.js';
import { generateLogprobs } from './logprobs.js';
import { createRng, deriveSeed } from './rng.js';
import { generateFromSchema } from './structured.js';
import { generateJsonObject, generateTextTokens } from './text.js';
import { type Encoder, type Tokenized, truncateTokens } from './tokens.js';
import { chooseTools, generateArguments } from './tools.js';

/** One generated choice, kept as token pieces so streams and logprobs reuse them. */
export interface GeneratedToolCall {
  name: string;
  arguments: Tokenized;
}

export interface GeneratedChoice {
  index: number;
  content: Tokenized | null;
  refusal: Tokenized | null;
  toolCalls: GeneratedToolCall[];
  finishReason: FinishReason;
  logprobs: LogprobEntry[] | null;
}

export interface Generated {
  choices: GeneratedChoice[];
  usage: Usage;
}

const REASONING_BASE: Record<string, number> = { none: 0, minimal: 0, low: 64, medium: 192, high: 640, xhigh: 1280 };

function reasoningTokens({ conversation, knobs }: GenerationRequest, seed: number): number {
  if (!isReasoningModel(conversation.model)) return 0;
  const base = REASONING_BASE[knobs.reasoningEffort ?? 'medium'] ?? 192;
  return base === 0 ? 0 : base + createRng(deriveSeed(seed, 'reasoning')).int(0, base / 2);
}

function cutAtStop(text: string, stop: AnswerKnobs['stop']): string | undefined {
  const stops = (typeof stop === 'string' ? [stop] : (stop ?? [])).filter((s) => s.length > 0);
  let cut: number | undefined;
  for (const s of stops) {
    const at = text.indexOf(s);
    if (at >= 0 && (cut === undefined || at < cut)) cut = at;
  }
  return cut === undefined ? undefined : text.slice(0, cut);
}

/** Plain text comes as its token pieces already; JSON is tokenized. */
function generatedContent(conversation: Conversation, seed: number, encoder: Encoder): Tokenized {
  const format = conversation.format;
  if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema ?? { type: 'object' };
    return encoder.tokenize(JSON.stringify(generateFromSchema(schema, deriveSeed(seed, 'json-schema'))));
  }
  if (format?.type === 'json_object') return encoder.tokenize(JSON.stringify(generateJsonObject(seed)));
  return generateTextTokens(seed);
}

function literalArguments(args: Record<string, unknown> | string): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

interface Budget {
  left: number;
}

/** Spends the token budget on a text; what does not fit is cut. */
function spend(tokenized: Tokenized, budget: Budget): { kept: Tokenized; cut: boolean } {
  if (tokenized.tokens <= budget.left) {
    budget.left -= tokenized.tokens;
    return { kept: tokenized, cut: false };
  }
  const kept = truncateTokens(tokenized, budget.left);
  budget.left = 0;
  return { kept, cut: true };
}

function generateChoice(
  req: GenerationRequest,
  reply: ReplySpec,
  seed: number,
  index: number,
  encoder: Encoder,
  limit: number,
  reasoning: number,
): GeneratedChoice {
  // Reasoning tokens spend the same budget first, as they do on the real API.
  const budget: Budget = { left: limit - reasoning };
  const choice: GeneratedChoice = { index, content: null, refusal: null, toolCalls: [], finishReason: 'stop', logprobs: null };
  let cut = limit !== Infinity && budget.left <= 0;

  if (reply.refusal !== undefined) {
    const refusal = spend(encoder.tokenize(reply.refusal), budget);
    choice.refusal = refusal.kept;
    cut ||= refusal.cut;
  } else {
    const tools = reply.toolCalls
      ? reply.toolCalls.map((call, i) => {
          const tool = req.conversation.tools?.find((t) => t.function.name === call.name);
          const args = call.arguments === undefined ? generateArguments(tool, seed, i) : literalArguments(call.arguments);
          return { name: call.name, args };
        })
      : reply.content === undefined
        ? chooseTools(req.conversation, seed).map((tool, i) => ({ name: tool.function.name, args: generateArguments(tool, seed, i) }))
        : [];
    if (reply.content !== undefined || tools.length === 0) {
      const full = reply.content !== undefined ? encoder.tokenize(reply.content) : generatedContent(req.conversation, seed, encoder);
      const stopped = req.knobs.stop == null ? undefined : cutAtStop(full.pieces.join(''), req.knobs.stop);
      const content = spend(stopped === undefined ? full : encoder.tokenize(stopped), budget);
      choice.content = content.kept;
      cut ||= content.cut;
    }
    for (const tool of tools) {
      const nameTokens = encoder.count(tool.name);
      budget.left = Math.max(budget.left - nameTokens, 0);
      const args = spend(encoder.tokenize(tool.args), budget);
      choice.toolCalls.push({ name: tool.name, arguments: args.kept });
      cut ||= args.cut;
    }
    if (tools.length > 0) choice.finishReason = 'tool_calls';
  }
  if (cut) choice.finishReason = 'length';
  if (reply.finishReason) choice.finishReason = reply.finishReason;
  if (req.knobs.logprobs && choice.content && !isReasoningModel(req.conversation.model)) {
    choice.logprobs = generateLogprobs(choice.content.pieces, req.knobs.topLogprobs, deriveSeed(seed, 'logprobs'));
  }
  return choice;
}

function choiceTokens(choice: GeneratedChoice, encoder: Encoder): number {
  let tokens = (choice.content?.tokens ?? 0) + (choice.refusal?.tokens ?? 0);
  for (const call of choice.toolCalls) tokens += encoder.count(call.name) + call.arguments.tokens;
  return tokens;
}

/**
 * The whole generated answer: a pure function of the request's conversation
 * and the seed. Knobs such as `stream`, `max_tokens` and `stop` only cut it.
 */
export function generateCompletion(req: GenerationRequest, seed: number, encoder: Encoder, reply: ReplySpec, promptTokens: number): Generated {
  const n = req.knobs.n;
  const limits = [reply.maxTokens, req.knobs.maxTokens].filter((x): x is number => x != null);
  const limit = limits.length ? Math.min(...limits) : Infinity;
  const choices: GeneratedChoice[] = [];
  let completionTokens = 0;
  let reasoningTotal = 0;
  for (let i = 0; i < n; i++) {
    const choiceSeed = i === 0 ? seed : deriveSeed(seed, `choice:${i}`);
    const reasoning = Math.min(reasoningTokens(req, choiceSeed), limit);
    const choice = generateChoice(req, reply, choiceSeed, i, encoder, limit, reasoning);
    choices.push(choice);
    reasoningTotal += reasoning;
    // A tool's name counts too, but never past the limit (max_tokens: 1 reports 1).
    completionTokens += Math.min(reasoning + choiceTokens(choice, encoder), limit);
  }
  return {
    choices,
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: reasoningTotal,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
      // Simulated at 100 tokens/s, so it is as deterministic as the content.
      total_time: Math.round(completionTokens * 10) / 1000,
    },
  };
}
