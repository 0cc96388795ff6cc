import type { Generated, GeneratedChoice } from '../../generate/completion.js';
import { isReasoningModel } from '../../spec/models.js';
import type { ResponsesRequest } from './types.js';

/**
 * A generated answer as a `response` object (and, in `events.ts`, its stream).
 * Both are encoded once per answer with slots for what is fresh per response
 * (ids and the time), then filled per response by joining strings.
 */

/** What is fresh per response. */
export interface ResponseIds {
  resp: string;
  created: number;
  msg: string;
  rs: string;
  fc: string[];
  call: string[];
}

const SLOTS: ResponseIds = { resp: '\u0000r', created: '\u0000t' as unknown as number, msg: '\u0000m', rs: '\u0000s', fc: [], call: [] };
export const slots = (calls: number): ResponseIds => ({
  ...SLOTS,
  fc: Array.from({ length: calls }, (_, i) => `\u0000f${i}`),
  call: Array.from({ length: calls }, (_, i) => `\u0000c${i}`),
});
const SLOT_JSON = /"\\u0000t"|\\u0000([rmsfc])(\d*)/g;

/** Encoded text split at its slots once, so each response only joins strings. */
export interface Template {
  texts: string[];
  /** The slot after each text but the last: a kind letter (`t` for the time) and an index. */
  slots: Array<[string, number]>;
}

export function compile(json: string): Template {
  const texts: string[] = [];
  const slots: Array<[string, number]> = [];
  let last = 0;
  for (const m of json.matchAll(SLOT_JSON)) {
    texts.push(json.slice(last, m.index));
    slots.push([m[1] ?? 't', Number(m[2] || 0)]);
    last = m.index + m[0].length;
  }
  texts.push(json.slice(last));
  return { texts, slots };
}

function slotValue(ids: ResponseIds, [kind, index]: [string, number]): string {
  switch (kind) {
    case 't':
      return String(ids.created);
    case 'r':
      return ids.resp;
    case 'm':
      return ids.msg;
    case 's':
      return ids.rs;
    case 'f':
      return ids.fc[index]!;
    default:
      return ids.call[index]!;
  }
}

/** `head`, the template, then `tail`. */
export function wrap(head: string, { texts, slots }: Template, tail: string): Template {
  const out = [...texts];
  out[0] = head + out[0]!;
  out[out.length - 1] += tail;
  return { texts: out, slots };
}

/** A template with this response's ids and time in place of the slots. */
export function fill({ texts, slots }: Template, ids: ResponseIds): string {
  let out = texts[0]!;
  for (let i = 0; i < slots.length; i++) out += slotValue(ids, slots[i]!) + texts[i + 1]!;
  return out;
}

export type Status = 'completed' | 'incomplete' | 'in_progress' | 'failed';

export function finalStatus(choice: GeneratedChoice): { status: Status; reason: string | null } {
  if (choice.finishReason === 'length') return { status: 'incomplete', reason: 'max_output_tokens' };
  if (choice.finishReason === 'content_filter') return { status: 'incomplete', reason: 'content_filter' };
  return { status: 'completed', reason: null };
}

type Item = Record<string, unknown> & { id: string; type: string };

/** The output items, finished (`done`) or as first announced. */
export function outputItems(req: ResponsesRequest, choice: GeneratedChoice, ids: ResponseIds, done = true): Item[] {
  const items: Item[] = [];
  if (isReasoningModel(req.model)) items.push({ id: ids.rs, type: 'reasoning', summary: [] });
  const text = choice.content?.pieces.join('');
  const refusal = choice.refusal?.pieces.join('');
  if (text !== undefined || refusal !== undefined) {
    const part = refusal !== undefined ? { type: 'refusal', refusal } : { type: 'output_text', annotations: [], logprobs: [], text };
    const status = finalStatus(choice).status === 'incomplete' ? 'incomplete' : 'completed';
    items.push({ id: ids.msg, type: 'message', status: done ? status : 'in_progress', content: done ? [part] : [], role: 'assistant' });
  }
  choice.toolCalls.forEach((call, i) => {
    const args = done ? call.arguments.pieces.join('') : '';
    items.push({ id: ids.fc[i]!, type: 'function_call', status: done ? 'completed' : 'in_progress', arguments: args, call_id: ids.call[i]!, name: call.name });
  });
  return items;
}

function echoedTools(req: ResponsesRequest): unknown[] {
  return (req.tools ?? []).map((tool) =>
    tool.type === 'function'
      ? { type: 'function', description: tool.description ?? null, name: tool.name, parameters: tool.parameters ?? null, strict: tool.strict ?? true }
      : tool,
  );
}

/** The response object; `output` and `usage` are left empty until it is finished. */
export function responseObject(req: ResponsesRequest, generated: Generated, ids: ResponseIds, status: Status, error: unknown = null): Record<string, unknown> {
  const choice = generated.choices[0]!;
  const finished = status === 'completed' || status === 'incomplete';
  const reasoning = isReasoningModel(req.model);
  const { usage } = generated;
  return {
    id: ids.resp,
    object: 'response',
    created_at: ids.created,
    status,
    background: false,
    completed_at: status === 'completed' ? ids.created : null,
    error,
    incomplete_details: status === 'incomplete' ? { reason: finalStatus(choice).reason } : null,
    instructions: req.instructions ?? null,
    max_output_tokens: req.max_output_tokens ?? null,
    max_tool_calls: null,
    model: req.model,
    output: finished ? outputItems(req, choice, ids) : [],
    parallel_tool_calls: req.parallel_tool_calls ?? true,
    previous_response_id: req.previous_response_id ?? null,
    prompt_cache_key: null,
    reasoning: { effort: reasoning ? (req.reasoning?.effort ?? 'medium') : null, summary: req.reasoning?.summary ?? null },
    safety_identifier: null,
    service_tier: 'default',
    store: req.store ?? true,
    temperature: req.temperature ?? 1,
    text: { format: req.text?.format ?? { type: 'text' }, verbosity: req.text?.verbosity ?? 'medium' },
    tool_choice: req.tool_choice ?? 'auto',
    tools: echoedTools(req),
    top_logprobs: 0,
    top_p: req.top_p ?? 1,
    truncation: 'disabled',
    usage: finished
      ? {
          input_tokens: usage.prompt_tokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: usage.completion_tokens,
          output_tokens_details: { reasoning_tokens: usage.completion_tokens_details.reasoning_tokens },
          total_tokens: usage.total_tokens,
        }
      : null,
    user: null,
    metadata: req.metadata ?? {},
  };
}

/** The encoded response, with slots. */
export function responseTemplate(req: ResponsesRequest, generated: Generated): Template {
  const ids = slots(generated.choices[0]!.toolCalls.length);
  return compile(JSON.stringify(responseObject(req, generated, ids, finalStatus(generated.choices[0]!).status)));
}
