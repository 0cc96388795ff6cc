import { messageText } from '../spec/message-text.js';
import type { ChatCompletionRequest, ChatMessage } from '../spec/types.js';
import type { MessageMatch, RuleMatch } from './types.js';
import { Lru } from '../core/lru.js';
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

/** Why `match` does not hold for this request, or undefined when it does. */
export function mismatch(match: RuleMatch | undefined, req: ChatCompletionRequest, headers: Record<string, string>): string | undefined {
  if (!match) return undefined;
  const messages = req.messages;
  if (match.model !== undefined && !cached(`glob:${match.model}`, () => compileGlob(match.model!)).test(req.model)) {
    return `model ${quote(req.model)} is not ${quote(match.model)}`;
  }
  if (match.lastMessage && !messageMatches(messages.at(-1), match.lastMessage, messages)) {
    return `last message does not match ${quote(match.lastMessage)}`;
  }
  if (match.anyMessage && !messages.some((m) => messageMatches(m, match.anyMessage!, messages))) {
    return `no message matches ${quote(match.anyMessage)}`;
  }
  if (match.tool !== undefined && !req.tools?.some((t) => t.function.name === match.tool)) {
    return `the request offers no tool ${quote(match.tool)}`;
  }
  if (match.hasToolResult !== undefined && messages.some((m) => m.role === 'tool') !== match.hasToolResult) {
    return match.hasToolResult ? 'the conversation has no tool result' : 'the conversation has a tool result';
  }
  if (match.stream !== undefined && Boolean(req.stream) !== match.stream) {
    return match.stream ? 'the request is not streamed' : 'the request is streamed';
  }
  if (match.responseFormat !== undefined && (req.response_format?.type ?? 'text') !== match.responseFormat) {
    return `response_format is ${req.response_format?.type ?? 'text'}, not ${match.responseFormat}`;
  }
  for (const [name, value] of Object.entries(match.header ?? {})) {
    if (headers[name.toLowerCase()] !== value) return `header ${name} is not ${quote(value)}`;
  }
  return undefined;
}
