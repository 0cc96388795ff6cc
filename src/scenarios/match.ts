import { messageText } from '../spec/message-text.js';
import type { Conversation } from '../spec/conversation.js';
import type { ChatMessage } from '../spec/types.js';
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
  if (match.model !== undefined && !(view.model !== undefined && cached(`glob:${match.model}`, () => globToRegExp(match.model!)).test(view.model))) {
    return `model ${JSON.stringify(view.model ?? null)} is not ${JSON.stringify(match.model)}`;
  }
  const req = view.conversation;
  if (!req) {
    const key = NEEDS_CONVERSATION.find((k) => match[k] !== undefined);
    if (key) return `${key}: ${view.endpoint} requests hold no conversation`;
  }
  const messages = req?.messages ?? [];
  if (match.lastMessage && !messageMatches(messages.at(-1), match.lastMessage, messages)) {
    return `last message does not match ${JSON.stringify(match.lastMessage)}`;
  }
  if (match.anyMessage && !messages.some((m) => messageMatches(m, match.anyMessage!, messages))) {
    return `no message matches ${JSON.stringify(match.anyMessage)}`;
  }
  if (match.tool !== undefined && !req?.tools?.some((t) => t.function.name === match.tool)) {
    return `the request offers no tool ${JSON.stringify(match.tool)}`;
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
    if (view.headers[name.toLowerCase()] !== value) return `header ${name} is not ${JSON.stringify(value)}`;
  }
  return undefined;
}
