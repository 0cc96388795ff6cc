import type { Generated, GeneratedChoice } from '../../generate/completion.js';
import { schemaKey } from '../../spec/ajv.js';
import { piecesJson } from '../../generate/text.js';
import { isReasoningModel } from '../../spec/models.js';
import { flat } from '../../base/flat.js';
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

type Status = 'completed' | 'incomplete' | 'in_progress' | 'failed';

const COMPLETED = { status: 'completed', reason: null } as const;
const LENGTH = { status: 'incomplete', reason: 'max_output_tokens' } as const;
const FILTERED = { status: 'incomplete', reason: 'content_filter' } as const;

export function finalStatus(choice: GeneratedChoice): { status: 'completed' | 'incomplete'; reason: string | null } {
  if (choice.finishReason === 'length') return LENGTH;
  if (choice.finishReason === 'content_filter') return FILTERED;
  return COMPLETED;
}

const q = JSON.stringify;
/** A field as JSON, or its default's JSON when the request left it out (most do: no encoding then). */
const or = (value: unknown, fallback: string): string => (value == null ? fallback : q(value));

/** One output item, finished, as JSON (`done`), with the parts its stream events repeat. */
export interface OutputItem {
  type: 'reasoning' | 'message' | 'function_call';
  id: string;
  done: string;
  /** A message's content part (`output_text` or `refusal`), finished. */
  part?: string;
  /** A message's text (or refusal), encoded. */
  text?: string;
  refusal?: boolean;
  /** A function call's position among the choice's tool calls, its id, and its name and arguments (encoded). */
  call?: { index: number; id: string; name: string; arguments: string };
}

/**
 * The output items, written as JSON text once: the response's `output`, the
 * stream's item events and the store all use these strings (a response is
 * usually sent once, so encoding is most of its cost).
 */
/** The output items of an answer: a reasoning item when it has an id for one (reasoning models), a message, function calls. */
export function outputItems(choice: GeneratedChoice, ids: ResponseIds): OutputItem[] {
  const items: OutputItem[] = [];
  if (ids.rs) items.push({ type: 'reasoning', id: ids.rs, done: `{"id":"${ids.rs}","type":"reasoning","summary":[]}` });
  if (choice.content || choice.refusal) {
    const refusal = choice.refusal !== null;
    const text = piecesJson((refusal ? choice.refusal! : choice.content!).pieces);
    const part = refusal ? `{"type":"refusal","refusal":${text}}` : `{"type":"output_text","annotations":[],"logprobs":[],"text":${text}}`;
    const done = `{"id":"${ids.msg}","type":"message","status":"${finalStatus(choice).status}","content":[${part}],"role":"assistant"}`;
    items.push({ type: 'message', id: ids.msg, done, part, text, refusal });
  }
  for (let index = 0; index < choice.toolCalls.length; index++) {
    const call = choice.toolCalls[index]!;
    const id = ids.fc[index]!;
    const name = q(call.name);
    const args = piecesJson(call.arguments.pieces);
    const done = `{"id":"${id}","type":"function_call","status":"completed","arguments":${args},"call_id":"${ids.call[index]}","name":${name}}`;
    items.push({ type: 'function_call', id, done, call: { index, id: ids.call[index]!, name, arguments: args } });
  }
  return items;
}

/** An output item as first announced in a stream, before its content. */
export function startedJson(item: OutputItem): string {
  if (item.type === 'message') return `{"id":"${item.id}","type":"message","status":"in_progress","content":[],"role":"assistant"}`;
  if (item.call) return `{"id":"${item.id}","type":"function_call","status":"in_progress","arguments":"","call_id":"${item.call.id}","name":${item.call.name}}`;
  return item.done;
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
  /** An in-progress response's JSON after its `created_at`, all echo: written once for a shared echo. */
  inProgress?: string;
}

const inProgressJson = (echo: Echo): string =>
  flat([
    ',"status":"in_progress","background":false,"completed_at":null,"error":null,"incomplete_details":null,',
    echo.beforeOutput,
    '[]',
    echo.beforeUsage,
    'null',
    echo.end,
  ]);

/** The echo of a request's settings. A field read here (but `model` and `store`) must be one `echoesDefaults` checks, or echoes would be shared wrongly. */
function echoOf(req: ResponsesRequest): Echo {
  const reasoning = isReasoningModel(req.model);
  // Flat: the store keeps the echo of a request that sets more than its model.
  return {
    beforeOutput: flat([
      `"instructions":${or(req.instructions, 'null')},"max_output_tokens":${or(req.max_output_tokens, 'null')},"max_tool_calls":null,`,
      `"model":${q(req.model)},"output":`,
    ]),
    beforeUsage: flat([
      `,"parallel_tool_calls":${or(req.parallel_tool_calls, 'true')},`,
      `"previous_response_id":${or(req.previous_response_id, 'null')},"prompt_cache_key":null,`,
      `"reasoning":{"effort":${reasoning ? or(req.reasoning?.effort, '"medium"') : 'null'},"summary":${or(req.reasoning?.summary, 'null')}},`,
      `"safety_identifier":null,"service_tier":"default","store":${or(req.store, 'true')},"temperature":${or(req.temperature, '1')},`,
      `"text":{"format":${or(req.text?.format, '{"type":"text"}')},"verbosity":${or(req.text?.verbosity, '"medium"')}},`,
      `"tool_choice":${or(req.tool_choice, '"auto"')},"tools":${echoedTools(req)},"top_logprobs":0,"top_p":${or(req.top_p, '1')},`,
      `"truncation":"disabled","usage":`,
    ]),
    end: flat([`,"user":null,"metadata":`, `${or(req.metadata, '{}')}}`]),
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
  return (req.store === false ? defaultEchoesNotStored : defaultEchoes).memo(req.model, () => {
    const shared = echoOf(req);
    shared.inProgress = inProgressJson(shared);
    return shared;
  });
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
  if (status === 'in_progress') return '{"id":"' + f.id + '","object":"response","created_at":' + f.created + (f.echo.inProgress ?? inProgressJson(f.echo));
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

/** A finished response's JSON: its status and output as the answer left them. */
export function finishedJson(frame: ResponseFrame, choice: GeneratedChoice, items: readonly OutputItem[]): string {
  const { status, reason } = finalStatus(choice);
  return responseJson(frame, status, outputJson(items), 'null', reason);
}

/** The output array of finished items. */
export function outputJson(items: readonly OutputItem[]): string {
  let json = '[';
  for (let i = 0; i < items.length; i++) json += (i === 0 ? '' : ',') + items[i]!.done;
  return json + ']';
}
