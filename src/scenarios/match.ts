import { messageText } from '../spec/message-text.js';
import type { ChatCompletionRequest, ChatMessage } from '../spec/types.js';
import type { MessageMatch, RuleMatch } from './types.js';
import { Lru } from '../base/lru.js';

/** `gpt-4o*` -> /^gpt-4o.*$/ */
export function globToRegExp(glob: string): RegExp {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

const regexes = new Lru<string, RegExp>(1000);
const cached = (key: string, build: () => RegExp) => regexes.memo(key, build);

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
  if (spec.matches !== undefined && !cached(`re:${spec.matches}`, () => new RegExp(spec.matches!)).test(text)) return false;
  if (spec.toolName !== undefined && (message.role !== 'tool' || toolNameOf(message, conversation) !== spec.toolName)) return false;
  return true;
}

/** Why `match` does not hold for this request, or undefined when it does. */
export function mismatch(match: RuleMatch | undefined, req: ChatCompletionRequest, headers: Record<string, string>): string | undefined {
  if (!match) return undefined;
  const messages = req.messages;
  if (match.model !== undefined && !cached(`glob:${match.model}`, () => globToRegExp(match.model!)).test(req.model)) {
    return `model ${JSON.stringify(req.model)} is not ${JSON.stringify(match.model)}`;
  }
  if (match.lastMessage && !messageMatches(messages.at(-1), match.lastMessage, messages)) {
    return `last message does not match ${JSON.stringify(match.lastMessage)}`;
  }
  if (match.anyMessage && !messages.some((m) => messageMatches(m, match.anyMessage!, messages))) {
    return `no message matches ${JSON.stringify(match.anyMessage)}`;
  }
  if (match.tool !== undefined && !req.tools?.some((t) => t.function.name === match.tool)) {
    return `the request offers no tool ${JSON.stringify(match.tool)}`;
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
    if (headers[name.toLowerCase()] !== value) return `header ${name} is not ${JSON.stringify(value)}`;
  }
  return undefined;
}
