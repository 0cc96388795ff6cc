import type { Generated, GeneratedChoice } from '../../generate/completion.js';
import { schemaKey } from '../../spec/ajv.js';
import { piecesJson } from '../../generate/text.js';
import { isReasoningModel } from '../../spec/models.js';
import type { ResponsesRequest } from './types.js';

/** A generated answer as a `response` object (and, in `events.ts`, its stream). */

/** What is fresh per response. */
export interface ResponseIds {
  resp: string;
  created: number;
  msg: string;
  rs: string;
  fc: string[];
  call: string[];
}

type Status = 'completed' | 'incomplete' | 'in_progress' | 'failed';

export function finalStatus(choice: GeneratedChoice): { status: Status; reason: string | null } {
  if (choice.finishReason === 'length') return { status: 'incomplete', reason: 'max_output_tokens' };
  if (choice.finishReason === 'content_filter') return { status: 'incomplete', reason: 'content_filter' };
  return { status: 'completed', reason: null };
}

const q = JSON.stringify;
/** A field as JSON, or its default's JSON when the request left it out (most do: no encoding then). */
const or = (value: unknown, fallback: string): string => (value == null ? fallback : q(value));

/** One output item as JSON: as first announced (`started`) and finished (`done`), with the parts its stream events repeat. */
export interface OutputItem {
  type: 'reasoning' | 'message' | 'function_call';
  id: string;
  started: string;
  done: string;
  /** A message's content part (`output_text` or `refusal`), finished. */
  part?: string;
  /** A message's text (or refusal), encoded. */
  text?: string;
  refusal?: boolean;
  /** A function call's position among the choice's tool calls, name and arguments (encoded). */
  call?: { index: number; name: string; arguments: string };
}

/**
 * The output items, written as JSON text once: the response's `output`, the
 * stream's item events and the store all use these strings (a response is
 * usually sent once, so encoding is most of its cost).
 */
export function outputItems(req: ResponsesRequest, choice: GeneratedChoice, ids: ResponseIds): OutputItem[] {
  const items: OutputItem[] = [];
  if (isReasoningModel(req.model)) {
    const item = `{"id":"${ids.rs}","type":"reasoning","summary":[]}`;
    items.push({ type: 'reasoning', id: ids.rs, started: item, done: item });
  }
  if (choice.content || choice.refusal) {
    const refusal = choice.refusal !== null;
    const text = piecesJson((refusal ? choice.refusal! : choice.content!).pieces);
    const part = refusal ? `{"type":"refusal","refusal":${text}}` : `{"type":"output_text","annotations":[],"logprobs":[],"text":${text}}`;
    const status = finalStatus(choice).status === 'incomplete' ? 'incomplete' : 'completed';
    const item = (state: string, content: string) => `{"id":"${ids.msg}","type":"message","status":"${state}","content":[${content}],"role":"assistant"}`;
    items.push({ type: 'message', id: ids.msg, started: item('in_progress', ''), done: item(status, part), part, text, refusal });
  }
  choice.toolCalls.forEach((call, index) => {
    const name = q(call.name);
    const args = piecesJson(call.arguments.pieces);
    const item = (state: string, encodedArgs: string) =>
      `{"id":"${ids.fc[index]}","type":"function_call","status":"${state}","arguments":${encodedArgs},"call_id":"${ids.call[index]}","name":${name}}`;
    items.push({
      type: 'function_call',
      id: ids.fc[index]!,
      started: item('in_progress', '""'),
      done: item('completed', args),
      call: { index, name: call.name, arguments: args },
    });
  });
  return items;
}

/** The tools as the response echoes them. A tool's parameters are written from the text its schema checks already made. */
function echoedTools(req: ResponsesRequest): string {
  if (!req.tools?.length) return '[]';
  const tools = req.tools.map((tool) =>
    tool.type === 'function'
      ? `{"type":"function","description":${or(tool.description, 'null')},"name":${q(tool.name)},` +
        `"parameters":${tool.parameters ? schemaKey(tool.parameters) : 'null'},"strict":${or(tool.strict, 'true')}}`
      : q(tool),
  );
  return `[${tools.join(',')}]`;
}

/**
 * Writes the response object as JSON for a status, with `output` (the items' JSON
 * array) and the error, if any; `kept` when the store will hold the text.
 */
export type ResponseWriter = (status: Status, output: string, error?: string, kept?: boolean) => string;

/**
 * The response object's writer, in the real API's field order. The fields it
 * echoes from the request are encoded once: a stream sends the response three
 * times. `output` and `usage` stay empty until the response is finished.
 */
export function responseWriter(req: ResponsesRequest, generated: Generated, ids: ResponseIds): ResponseWriter {
  const choice = generated.choices[0]!;
  const reasoning = isReasoningModel(req.model);
  const u = generated.usage;
  const usage = `{"input_tokens":${u.prompt_tokens},"input_tokens_details":{"cached_tokens":0},"output_tokens":${u.completion_tokens},"output_tokens_details":{"reasoning_tokens":${u.completion_tokens_details.reasoning_tokens}},"total_tokens":${u.total_tokens}}`;
  const head = `{"id":"${ids.resp}","object":"response","created_at":${ids.created},"status":"`;
  const echoed =
    `"instructions":${or(req.instructions, 'null')},"max_output_tokens":${or(req.max_output_tokens, 'null')},"max_tool_calls":null,` +
    `"model":${q(req.model)},"output":`;
  const tail =
    `,"parallel_tool_calls":${or(req.parallel_tool_calls, 'true')},` +
    `"previous_response_id":${or(req.previous_response_id, 'null')},"prompt_cache_key":null,` +
    `"reasoning":{"effort":${reasoning ? or(req.reasoning?.effort, '"medium"') : 'null'},"summary":${or(req.reasoning?.summary, 'null')}},` +
    `"safety_identifier":null,"service_tier":"default","store":${or(req.store, 'true')},"temperature":${or(req.temperature, '1')},` +
    `"text":{"format":${or(req.text?.format, '{"type":"text"}')},"verbosity":${or(req.text?.verbosity, '"medium"')}},` +
    `"tool_choice":${or(req.tool_choice, '"auto"')},"tools":${echoedTools(req)},"top_logprobs":0,"top_p":${or(req.top_p, '1')},` +
    `"truncation":"disabled","usage":`;
  const end = `,"user":null,"metadata":${or(req.metadata, '{}')}}`;
  return (status, output, error = 'null', kept = false) => {
    const finished = status === 'completed' || status === 'incomplete';
    const parts = [
      head,
      status,
      `","background":false,"completed_at":${status === 'completed' ? ids.created : 'null'},"error":`,
      error,
      `,"incomplete_details":${status === 'incomplete' ? `{"reason":${q(finalStatus(choice).reason)}}` : 'null'},`,
      echoed,
      finished ? output : '[]',
      tail,
      finished ? usage : 'null',
      end,
    ];
    // A kept response is joined into one flat string, where `+` leaves a tree of its
    // parts alive until it is sent. The others are sent once: concatenated.
    return kept ? parts.join('') : parts[0]! + parts[1] + parts[2] + parts[3] + parts[4] + parts[5] + parts[6] + parts[7] + parts[8] + parts[9];
  };
}

/** The output array of finished items. */
export const outputJson = (items: readonly OutputItem[]): string => `[${items.map((item) => item.done).join(',')}]`;
