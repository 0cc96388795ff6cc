import { flat } from '../../base/flat.js';
import type { GeneratedChoice } from '../../generate/completion.js';
import { PLAIN_PIECES, pieceJson } from '../../generate/text.js';
import { finalStatus, responseJson, startedJson, type OutputItem, type ResponseFrame } from './render.js';

/**
 * A generated answer as the API streams it: named events, numbered from 0, in
 * the API's order. Written as one SSE text (see StreamPlan.text); a stream that
 * waits or is cut is made into events from it (eventsOf).
 */

// Written once per event type, flat: it is in every event of its type.
const openings = new Map<string, string>();
/** An event type's frame up to its sequence number. */
function opening(type: string): string {
  let open = openings.get(type);
  if (open === undefined) openings.set(type, (open = flat(['event: ', type, '\ndata: {"type":"', type, '","sequence_number":'])));
  return open;
}
// Numbers up to this have their joints (below) kept; a longer stream makes the rest as it goes.
const KEPT_JOINTS = 1024;

/**
 * The text between two deltas of one kind, kept per sequence number: the end of one delta
 * (after a piece between quotes already in the text, or after an encoded piece) and the
 * next one's frame up to its number. With these, a delta is three parts of its stream: the
 * text before its piece, the piece, the joint after it.
 */
class Joints {
  readonly plainEnd: string;
  readonly escapedEnd: string;
  readonly #plain: string[] = [];
  readonly #escaped: string[] = [];
  constructor(
    readonly open: string,
    after: string,
  ) {
    this.plainEnd = flat(['"', after, '}\n\n']);
    this.escapedEnd = flat([after, '}\n\n']);
  }
  /** What follows a (plain or encoded) piece when delta `n` comes next. */
  joint(plain: boolean, n: number): string {
    const kept = plain ? this.#plain : this.#escaped;
    const joint = kept[n] ?? flat([plain ? this.plainEnd : this.escapedEnd, this.open, String(n)]);
    if (n < KEPT_JOINTS) kept[n] = joint;
    return joint;
  }
}
const joints = new Map<string, Joints>();
/** The joints of deltas of `type` whose delta is followed by `after`. */
function jointsOf(type: string, after: string): Joints {
  const key = `${type} ${after}`;
  let found = joints.get(key);
  if (found === undefined) joints.set(key, (found = new Joints(opening(type), after)));
  return found;
}

/**
 * Events written as SSE text, each numbered by its place in the stream. Their parts are
 * joined once (`text`): a joined string is written out as it is, where one made by `+` is
 * a tree of its parts to walk and copy first.
 */
class EventText {
  readonly #parts: string[] = [];
  /** `n`: the number of the next event (the events already sent before this text). */
  constructor(public n = 0) {}

  get text(): string {
    return this.#parts.join('');
  }

  /** An event whose data is its type, its number and `fields` (closing its object). */
  emit(type: string, fields: string): void {
    this.#parts.push(opening(type), String(this.n++), ',', fields, '\n\n');
  }

  /**
   * One event per token piece, `at` saying where it goes and `after` following its
   * delta. The text around a piece is made once, and a piece that needs no escaping
   * goes between quotes already in it: a stream is mostly these events.
   */
  deltas(type: string, at: string, pieces: readonly string[], after: string): void {
    if (pieces.length === 0) return;
    const j = jointsOf(type, after);
    const before = flat([',', at, ',"delta":']);
    const plainBefore = flat([before, '"']);
    const parts = this.#parts;
    let n = this.n;
    parts.push(j.open, String(n));
    const last = pieces.length - 1;
    for (let k = 0; k <= last; k++) {
      const piece = pieces[k]!;
      const plain = PLAIN_PIECES.has(piece);
      n++;
      const joint = k < last ? j.joint(plain, n) : plain ? j.plainEnd : j.escapedEnd;
      if (plain) parts.push(plainBefore, piece, joint);
      else parts.push(before, pieceJson(piece), joint);
    }
    this.n = n;
  }
}

/** Every stream's first two events: the response created, then in progress (the same JSON, written once). */
function openEvents(frame: ResponseFrame): EventText {
  const out = new EventText();
  const inProgress = flat(['"response":', responseJson(frame, 'in_progress', '[]'), '}']);
  out.emit('response.created', inProgress);
  out.emit('response.in_progress', inProgress);
  return out;
}

/** The stream's events as SSE text; `body` is the finished response's JSON, which the last event carries. */
export function streamEvents(frame: ResponseFrame, choice: GeneratedChoice, items: readonly OutputItem[], body: string): string {
  const out = openEvents(frame);
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    out.emit('response.output_item.added', `"output_index":${index},"item":${startedJson(item)}}`);
    if (item.type === 'message') {
      // Flat: it is in every event of the item.
      const at = flat(['"item_id":"', item.id, '","output_index":', String(index), ',"content_index":0']);
      const kind = item.refusal ? 'refusal' : 'output_text';
      const part = item.refusal ? '{"type":"refusal","refusal":""}' : '{"type":"output_text","annotations":[],"logprobs":[],"text":""}';
      out.emit('response.content_part.added', `${at},"part":${part}}`);
      const logprobs = item.refusal ? '' : ',"logprobs":[]';
      out.deltas(`response.${kind}.delta`, at, (item.refusal ? choice.refusal! : choice.content!).pieces, logprobs);
      out.emit(`response.${kind}.done`, `${at},"${item.refusal ? 'refusal' : 'text'}":${item.text}${logprobs}}`);
      out.emit('response.content_part.done', `${at},"part":${item.part}}`);
    } else if (item.call) {
      const at = `"item_id":"${item.id}","output_index":${index}`;
      out.deltas('response.function_call_arguments.delta', at, choice.toolCalls[item.call.index]!.arguments.pieces, '');
      out.emit('response.function_call_arguments.done', `${at},"name":${item.call.name},"arguments":${item.call.arguments}}`);
    }
    out.emit('response.output_item.done', `"output_index":${index},"item":${item.done}}`);
  }
  out.emit(`response.${finalStatus(choice).status}`, `"response":${body}}`);
  return out.text;
}

export const CONTEXT_EXCEEDED = 'Your input exceeds the context window of this model. Please adjust your input and try again.';

/**
 * What a stream whose input is over the model's context window sends: the real API answers
 * 200, announces the response, then ends the stream with an `error` event (without `stream`, it
 * answers 400). Nothing is kept.
 */
export function contextExceededEvents(frame: ResponseFrame): string {
  const out = openEvents(frame);
  out.emit('error', `"error":{"type":"invalid_request_error","code":"context_length_exceeded","message":${JSON.stringify(CONTEXT_EXCEEDED)},"param":"input"}}`);
  return out.text;
}

const FAILURE =
  'An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.';

/** What a stream that fails after `sent` events sends in place of the rest: an `error` event, then `response.failed`. */
export function failureEvents(frame: ResponseFrame, sent: number): string {
  const out = new EventText(sent);
  const message = JSON.stringify(FAILURE);
  out.emit('error', `"error":{"type":"server_error","code":"server_error","message":${message},"param":null}}`);
  out.emit('response.failed', `"response":${responseJson(frame, 'failed', '[]', `{"code":"server_error","message":${message}}`)}}`);
  return out.text;
}
