import { hashStable } from '../base/hash.js';
import type { ReplySpec } from '../scenarios/types.js';
import type { Conversation, GenerationRequest } from '../spec/conversation.js';
import { encodingFor, modelInfo } from '../spec/models.js';
import { type Generated, generateCompletion } from './completion.js';
import { loadFaker, needsFaker } from './faker.js';
import { countPromptTokens, loadEncoder } from './tokens.js';

/**
 * The content seed: the mock's seed and the conversation, nothing else, so
 * knobs like `stream` or `max_tokens` never change what is said, and neither
 * does the endpoint the conversation came through.
 */
export function conversationSeed(conversation: Conversation, seed: number): number {
  // An explicit null is the same as leaving the field out. The keys are the chat wire names, kept so seeds stay stable;
  // hashed as its stable JSON without building it.
  const key = {
    model: conversation.model,
    messages: conversation.messages,
    tools: conversation.tools ?? undefined,
    tool_choice: conversation.toolChoice ?? undefined,
    response_format: conversation.format ?? undefined,
    seed: conversation.seed ?? undefined,
  };
  return hashStable(key, seed) % 0x7fffffff;
}

export type GeneratedAnswer =
  | { ok: true; generated: Generated; promptTokens: number }
  /** The prompt does not fit the model's context window; the endpoint words the 400. */
  | { ok: false; promptTokens: number; contextWindow: number };

/** The whole answer to a conversation, with exact token usage on the model's encoding. */
export async function generateAnswer(req: GenerationRequest, reply: ReplySpec, seed: number): Promise<GeneratedAnswer> {
  const { conversation } = req;
  const encoding = encodingFor(conversation.model);
  const encoder = await loadEncoder(encoding);
  const promptTokens = countPromptTokens(conversation, encoder, encoding);
  const info = modelInfo(conversation.model);
  if (info && promptTokens > info.contextWindow) return { ok: false, promptTokens, contextWindow: info.contextWindow };
  // Faker is loaded only by the first request that generates from a schema.
  if (needsFaker(conversation, reply)) await loadFaker();
  return { ok: true, promptTokens, generated: generateCompletion(req, conversationSeed(conversation, seed), encoder, reply, promptTokens) };
}
