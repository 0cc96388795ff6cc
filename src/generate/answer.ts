import { hashStable } from '../base/hash.js';
import type { ReplySpec } from '../scenarios/types.js';
import type { Conversation, GenerationRequest } from '../spec/conversation.js';
import { encodingFor, modelInfo, UNKNOWN_MODEL_CONTEXT_WINDOW } from '../spec/models.js';
import { type Generated, generateCompletion } from './completion.js';
import type { JsonPlan } from '../base/plan.js';
import { loadFaker, needsFaker } from './faker.js';
import { unbrokenRunProblem } from './run-limit.js';
import { type SchemaParams, unsatisfiableSchema } from './schema-check.js';
import { countPromptTokens, encoderNow } from './tokens.js';
import { type Maybe, andThen } from '../base/maybe.js';

/**
 * The content seed: the mock's seed and the conversation, nothing else, so
 * knobs like `stream` or `max_tokens` never change what is said, and neither
 * does the endpoint the conversation came through.
 */
function conversationSeed(conversation: Conversation, seed: number): number {
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
  /**
   * The prompt does not fit the model's context window; the endpoint words the 400.
   * `exact` is false when counting stopped past the window: the prompt has more than `promptTokens`.
   */
  | { ok: false; promptTokens: number; exact: boolean; contextWindow: number }
  /** A schema no value satisfies: the 400, with the param named as the endpoint's wire format does. */
  | { ok: false; error: JsonPlan };

/** The whole answer to a conversation, with exact token usage on the model's encoding. At once when nothing needs loading. */
export function generateAnswer(req: GenerationRequest, reply: ReplySpec, seed: number, params?: SchemaParams): Maybe<GeneratedAnswer> {
  const { conversation } = req;
  const unbroken = unbrokenRunProblem(conversation.messages, params?.messages ?? 'messages') ?? unbrokenRunProblem(conversation.tools, 'tools');
  if (unbroken) return { ok: false, error: unbroken };
  const encoding = encodingFor(conversation.model);
  return andThen(encoderNow(encoding), (encoder): Maybe<GeneratedAnswer> => {
    const contextWindow = modelInfo(conversation.model)?.contextWindow ?? UNKNOWN_MODEL_CONTEXT_WINDOW;
    const tally = countPromptTokens(conversation, encoder, encoding, contextWindow);
    const promptTokens = tally.total;
    if (tally.stopped || promptTokens > contextWindow) return { ok: false, promptTokens, exact: !tally.stopped, contextWindow };
    const generated = (): GeneratedAnswer => ({
      ok: true,
      promptTokens,
      generated: generateCompletion(req, conversationSeed(conversation, seed), encoder, reply, promptTokens),
    });
    if (!needsFaker(conversation, reply)) return generated();
    // Faker is loaded only by the first request that generates from a schema.
    return andThen(loadFaker(), () => {
      // A schema no value satisfies is found by trying to generate one (cached per schema).
      const unsatisfied = unsatisfiableSchema(conversation, params);
      return unsatisfied ? { ok: false, error: unsatisfied } : generated();
    });
  });
}
