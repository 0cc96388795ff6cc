import type { ChatMessage, FunctionTool, ReasoningEffort, ResponseFormat, ToolChoice } from './types.js';

/**
 * The endpoint-neutral request that content generation and scenario matching
 * read. Messages and tools keep the Chat Completions shape, the widest form the
 * endpoints share: a chat request maps onto it unchanged, other endpoints
 * translate into it, and so the same conversation says the same words anywhere.
 */
export interface Conversation {
  model: string;
  messages: ChatMessage[];
  tools?: FunctionTool[] | undefined;
  toolChoice?: ToolChoice | undefined;
  parallelToolCalls?: boolean | undefined;
  /** The output format asked for (text when absent). */
  format?: ResponseFormat | undefined;
  /** The request's own `seed`. */
  seed?: number | null | undefined;
}

/** Knobs that only cut or shape an answer: they never change what is said. */
export interface AnswerKnobs {
  /** How many choices. */
  n: number;
  /** The caller's limit on output tokens; undefined for none. */
  maxTokens?: number | undefined;
  stop?: string | string[] | null | undefined;
  logprobs: boolean;
  topLogprobs: number;
  reasoningEffort?: ReasoningEffort | null | undefined;
}

/** What a generator needs: the conversation and the knobs. */
export interface GenerationRequest {
  conversation: Conversation;
  knobs: AnswerKnobs;
}
