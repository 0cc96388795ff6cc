import { lastUserMessage, messageText } from '../spec/message-text.js';
import type { Conversation } from '../spec/conversation.js';
import type { FunctionTool } from '../spec/types.js';
import { createRng, deriveSeed } from './rng.js';
import { generateFromSchema } from './structured.js';

/**
 * Which tools a reply calls. `auto` calls the tools the last user message
 * mentions (by the words of their names), else decides by the seed; after a
 * tool result it answers, so agent loops end as they do against the real API.
 */

const STOP_WORDS = new Set([
  'get',
  'set',
  'fetch',
  'list',
  'create',
  'update',
  'delete',
  'find',
  'search',
  'the',
  'and',
  'for',
  'tool',
  'run',
  'make',
  'call',
  'use',
]);

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
}

function mentioned(tools: FunctionTool[], text: string): FunctionTool[] {
  const lower = text.toLowerCase();
  return tools.filter((tool) => nameWords(tool.function.name).some((word) => lower.includes(word)));
}

/** The tools this reply calls, or an empty list to answer in text. */
export function chooseTools(req: Conversation, seed: number): FunctionTool[] {
  const tools = req.tools ?? [];
  const choice = req.toolChoice ?? 'auto';
  if (tools.length === 0 || choice === 'none') return [];
  if (typeof choice === 'object') return tools.filter((t) => t.function.name === choice.function.name).slice(0, 1);
  const last = req.messages.at(-1);
  if (choice === 'auto' && last?.role === 'tool') return [];
  let picked = mentioned(tools, messageText(lastUserMessage(req.messages)));
  const rng = createRng(deriveSeed(seed, 'tool-choice'));
  if (picked.length === 0) {
    if (choice === 'auto' && rng.next() < 0.5) return [];
    picked = [rng.pick(tools)];
  }
  return req.parallelToolCalls === false ? picked.slice(0, 1) : picked;
}

/** Arguments valid against the tool's `parameters`, as the JSON string the API sends. */
export function generateArguments(tool: FunctionTool | undefined, seed: number, index: number): string {
  const schema = (tool?.function.parameters as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} };
  return JSON.stringify(generateFromSchema(schema, deriveSeed(seed, `tool-args:${tool?.function.name}:${index}`)));
}
