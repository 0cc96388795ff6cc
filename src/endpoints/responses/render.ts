import type { Generated, GeneratedChoice } from '../../generate/completion.js';
import { schemaKey } from '../../spec/ajv.js';
import { piecesJson } from '../../generate/text.js';
import { isReasoningModel } from '../../spec/models.js';
import { Lru } from '../../base/lru.js';
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

export type Status = 'completed' | 'incomplete' | 'in_progress' | 'failed';

export function finalStatus(choice: GeneratedChoice): { status: 'completed' | 'incomplete'; reason: string | null } {
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
export function outputItems(reasoning: boolean, choice: GeneratedChoice, ids: ResponseIds): OutputItem[] {
  const items: OutputItem[] = [];
  if (reasoning) {
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

/** The response's fields that echo the request, as JSON text: around `output`, and around `usage`. */
export interface Echo {
  /** From `"instructions"` to `"output":`. */
  beforeOutput: string;
  /** From `"parallel_tool_calls"` to `"usage":`. */
  beforeUsage: string;
  /** From `"user"` to the end. */
  end: string;
}

function echoOf(req: ResponsesRequest): Echo {
  const reasoning = isReasoningModel(req.model);
  return {
    beforeOutput:
      `"instructions":${or(req.instructions, 'null')},"max_output_tokens":${or(req.max_output_tokens, 'null')},"max_tool_calls":null,` +
      `"model":${q(req.model)},"output":`,
    beforeUsage:
      `,"parallel_tool_calls":${or(req.parallel_tool_calls, 'true')},` +
      `"previous_response_id":${or(req.previous_response_id, 'null')},"prompt_cache_key":null,` +
      `"reasoning":{"effort":${reasoning ? or(req.reasoning?.effort, '"medium"') : 'null'},"summary":${or(req.reasoning?.summary, 'null')}},` +
      `"safety_identifier":null,"service_tier":"default","store":${or(req.store, 'true')},"temperature":${or(req.temperature, '1')},` +
      `"text":{"format":${or(req.text?.format, '{"type":"text"}')},"verbosity":${or(req.text?.verbosity, '"medium"')}},` +
      `"tool_choice":${or(req.tool_choice, '"auto"')},"tools":${echoedTools(req)},"top_logprobs":0,"top_p":${or(req.top_p, '1')},` +
      `"truncation":"disabled","usage":`,
    end: `,"user":null,"metadata":${or(req.metadata, '{}')}}`,
  };
}

/** Whether the request sets nothing the response echoes but its model and `store`. */
const echoesDefaults = (req: ResponsesRequest): boolean =>
  req.instructions == null &&
  req.max_output_tokens == null &&
  req.parallel_tool_calls == null &&
  req.previous_response_id == null &&
  req.reasoning == null &&
  req.temperature == null &&
  req.text == null &&
  req.tool_choice == null &&
  req.tools == null &&
  req.top_p == null &&
  req.metadata == null;

// Most requests set no more than a model: their echo is written once per model and shared,
// also by the responses the store keeps.
const defaultEchoes = new Lru<string, Echo>(100);
const defaultEchoesNotStored = new Lru<string, Echo>(100);

/** The echo of this request's settings: shared when it only names its model. */
export function echo(req: ResponsesRequest): Echo {
  if (!echoesDefaults(req)) return echoOf(req);
  return (req.store === false ? defaultEchoesNotStored : defaultEchoes).memo(req.model, () => echoOf(req));
}

/**
 * What is fixed of a response once its answer is: all of its JSON but the
 * status, `output` and error. Plain fields rather than JSON text, so what the
 * store keeps of a response is small (creating responses is hot, retrieving them rare).
 */
export interface ResponseFrame {
  id: string;
  created: number;
  echo: Echo;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export function responseFrame(echo: Echo, generated: Generated, ids: ResponseIds): ResponseFrame {
  const u = generated.usage;
  return {
    id: ids.resp,
    created: ids.created,
    echo,
    inputTokens: u.prompt_tokens,
    outputTokens: u.completion_tokens,
    reasoningTokens: u.completion_tokens_details.reasoning_tokens,
  };
}

const usageJson = (f: ResponseFrame): string =>
  '{"input_tokens":' +
  f.inputTokens +
  ',"input_tokens_details":{"cached_tokens":0},"output_tokens":' +
  f.outputTokens +
  ',"output_tokens_details":{"reasoning_tokens":' +
  f.reasoningTokens +
  '},"total_tokens":' +
  (f.inputTokens + f.outputTokens) +
  '}';

/**
 * The response object as JSON, in the real API's field order, for a status:
 * `output` (the items' JSON array) and `usage` stay empty until it is
 * finished; `error` is JSON, `reason` why it is incomplete.
 */
export function responseJson(f: ResponseFrame, status: Status, output: string, error = 'null', reason: string | null = null): string {
  const finished = status === 'completed' || status === 'incomplete';
  return (
    '{"id":"' +
    f.id +
    '","object":"response","created_at":' +
    f.created +
    ',"status":"' +
    status +
    '","background":false,"completed_at":' +
    (status === 'completed' ? f.created : 'null') +
    ',"error":' +
    error +
    ',"incomplete_details":' +
    (status === 'incomplete' ? `{"reason":${q(reason)}}` : 'null') +
    ',' +
    f.echo.beforeOutput +
    (finished ? output : '[]') +
    f.echo.beforeUsage +
    (finished ? usageJson(f) : 'null') +
    f.echo.end
  );
}

/** The output array of finished items. */
export const outputJson = (items: readonly OutputItem[]): string => `[${items.map((item) => item.done).join(',')}]`;
