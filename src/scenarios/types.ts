import type { FinishReason } from '../spec/types.js';

/** Scenario files as data: rules of `match` + one action, first match wins. */

export interface MessageMatch {
  role?: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  /** Case-sensitive substring of the message's text. */
  contains?: string;
  /** A regular expression tested against the message's text. */
  matches?: string;
  /** For `role: tool`, the name of the tool whose result this is. */
  toolName?: string;
}

export interface RuleMatch {
  /** Glob: `*` any run of characters, `?` one character. */
  model?: string;
  lastMessage?: MessageMatch;
  anyMessage?: MessageMatch;
  /** The request offers a tool of this name. */
  tool?: string;
  /** The conversation already holds a tool result (true) or none (false). */
  hasToolResult?: boolean;
  stream?: boolean;
  responseFormat?: 'text' | 'json_object' | 'json_schema';
  /** Header values, matched exactly (names case-insensitive). */
  header?: Record<string, string>;
  /** The endpoint's name: `chat.completions`, `responses`, `embeddings`; absent = any. */
  endpoint?: string;
}

export interface ToolCallSpec {
  name: string;
  /** Literal arguments (an object, or a JSON string); omit to generate them from the tool's schema. */
  arguments?: Record<string, unknown> | string;
}

export interface LatencySpec {
  /** Wait before the first byte (streams) or the whole answer. */
  firstTokenMs?: number;
  /** Pace of the stream's chunks after the first. */
  tokensPerSecond?: number;
}

export interface ReplySpec {
  /** Literal content; omit for generated text. */
  content?: string;
  toolCalls?: ToolCallSpec[];
  finishReason?: FinishReason;
  /** Cut the reply after this many tokens (`finish_reason: length`). */
  maxTokens?: number;
  refusal?: string;
  latency?: LatencySpec;
  /** Fault: drop a streamed reply's connection after this many chunks. */
  disconnectAfterChunks?: number;
  /** Send a mid-stream `data: {"error": ...}` event after this many chunks, then end the stream. */
  streamErrorAfterChunks?: number;
  /** Never answer, so the client's own timeout fires. */
  hang?: boolean;
}

export interface ErrorActionSpec {
  status: number;
  type?: string;
  code?: string | null;
  message?: string;
  param?: string | null;
  headers?: Record<string, string>;
  /** Seconds; sets `retry-after` (and `retry-after-ms`). */
  retryAfter?: number;
}

export type ActionSpec = { reply: ReplySpec } | { error: ErrorActionSpec };

export interface Rule {
  /** Shown in the journal, the `x-mock-rule` header and the log; defaults to the rule's position. */
  name?: string;
  match?: RuleMatch;
  reply?: ReplySpec;
  error?: ErrorActionSpec;
  /** One step per matching call; the last step repeats. */
  sequence?: ActionSpec[];
  /** Stop matching after this many calls, so the next rule takes over. */
  times?: number;
}

export interface Scenario {
  name?: string;
  rules: Rule[];
}
