import { messageText } from '../spec/message-text.js';
import type { Conversation } from '../spec/conversation.js';
import type { ChatMessage } from '../spec/types.js';
import type { MessageMatch, RuleMatch } from './types.js';
import { Lru } from '../base/lru.js';
import { compileGlob, compilePattern, type TextMatcher } from './pattern.js';

const matchers = new Lru<string, TextMatcher>(1000);
const cached = (key: string, build: () => TextMatcher) => matchers.memo(key, build);

/** Explanations quote what the request held, never more than this much of it. */
const QUOTED = 80;

/** A JSON rendering of `value`, cut to a few dozen characters (model names can be megabytes). */
export function quote(value: unknown): string {
  const json = JSON.stringify(typeof value === 'string' ? value.slice(0, QUOTED + 1) : value) ?? String(value);
  return json.length > QUOTED + 2 ? `${json.slice(0, QUOTED)}...` : json;
}

/** The name of the tool a `role: tool` message answers, from the assistant call it follows. */
function toolNameOf(message: ChatMessage, conversation: ChatMessage[]): string | undefined {
  for (const earlier of conversation) {
    const call = earlier.tool_calls?.find((c) => c.id === message.tool_call_id);
    if (call) return call.function.name;
  }
  return message.name;
}

function messageMatches(message: ChatMessage | undefined, spec: MessageMatch, conversation: ChatMessage[]): boolean {
  if (!message) return false;
  if (spec.role && message.role !== spec.role) return false;
  const text = messageText(message);
  if (spec.contains !== undefined && !text.includes(spec.contains)) return false;
  if (spec.matches !== undefined && !cached(`re:${spec.matches}`, () => compilePattern(spec.matches!)).test(text)) return false;
  if (spec.toolName !== undefined && (message.role !== 'tool' || toolNameOf(message, conversation) !== spec.toolName)) return false;
  return true;
}

/** What rules see of a request, whatever its endpoint. */
export interface MatchView {
  /** The endpoint's name: `chat.completions`. */
  endpoint: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  model?: string | undefined;
  /** Absent for endpoints without one (embeddings, models). */
  conversation?: Conversation | undefined;
  stream?: boolean | undefined;
}

const NEEDS_CONVERSATION = ['lastMessage', 'anyMessage', 'tool', 'hasToolResult', 'responseFormat'] as const;

/** Why `match` does not hold for this request, or undefined when it does. */
export function mismatch(match: RuleMatch | undefined, view: MatchView): string | undefined {
  if (!match) return undefined;
  if (match.endpoint !== undefined && match.endpoint !== view.endpoint) return `endpoint ${view.endpoint} is not ${match.endpoint}`;
  if (match.model !== undefined && !(view.model !== undefined && cached(`glob:${match.model}`, () => compileGlob(match.model!)).test(view.model))) {
    return `model ${quote(view.model ?? null)} is not ${quote(match.model)}`;
  }
  const req = view.conversation;
  if (!req) {
    const key = NEEDS_CONVERSATION.find((k) => match[k] !== undefined);
    if (key) return `${key}: ${view.endpoint} requests hold no conversation`;
  }
  const messages = req?.messages ?? [];
  if (match.lastMessage && !messageMatches(messages.at(-1), match.lastMessage, messages)) {
    return `last message does not match ${quote(match.lastMessage)}`;
  }
  if (match.anyMessage && !messages.some((m) => messageMatches(m, match.anyMessage!, messages))) {
    return `no message matches ${quote(match.anyMessage)}`;
  }
  if (match.tool !== undefined && !req?.tools?.some((t) => t.function.name === match.tool)) {
    return `the request offers no tool ${quote(match.tool)}`;
  }
  if (match.hasToolResult !== undefined && messages.some((m) => m.role === 'tool') !== match.hasToolResult) {
    return match.hasToolResult ? 'the conversation has no tool result' : 'the conversation has a tool result';
  }
  if (match.stream !== undefined && Boolean(view.stream) !== match.stream) {
    return match.stream ? 'the request is not streamed' : 'the request is streamed';
  }
  const format = req?.format?.type ?? 'text';
  if (match.responseFormat !== undefined && format !== match.responseFormat) {
    return `response_format is ${format}, not ${match.responseFormat}`;
  }
  for (const [name, value] of Object.entries(match.header ?? {})) {
    if (view.headers[name.toLowerCase()] !== value) return `header ${name} is not ${quote(value)}`;
  }
  return undefined;
}
