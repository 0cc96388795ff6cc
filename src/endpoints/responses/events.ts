import type { StreamEvent } from '../../base/plan.js';
import type { GeneratedChoice } from '../../generate/completion.js';
import { PLAIN_PIECES, pieceJson } from '../../generate/text.js';
import type { Pace } from '../pacing.js';
import { finalStatus, responseJson, startedJson, type OutputItem, type ResponseFrame } from './render.js';

/**
 * A generated answer as the API streams it: named events, numbered from 0, in
 * the API's order, paced. Written straight to JSON text from the items'
 * encodings: most answers are sent once.
 */

/** Appends an event: its data is its type, its number (its place in the stream) and `fields`. */
function emit(out: StreamEvent[], type: string, fields: string, pace: Pace): void {
  const n = out.length;
  out.push({ event: type, data: '{"type":"' + type + '","sequence_number":' + n + ',' + fields, delayMs: n === 0 ? pace.first : pace.gap });
}

/** Every stream's first two events: the response created, then in progress (the same JSON, written once). */
function openEvents(frame: ResponseFrame, pace: Pace): StreamEvent[] {
  const out: StreamEvent[] = [];
  const inProgress = `"response":${responseJson(frame, 'in_progress', '[]')}}`;
  emit(out, 'response.created', inProgress, pace);
  emit(out, 'response.in_progress', inProgress, pace);
  return out;
}

/** The stream's events; `body` is the finished response's JSON, which the last event carries. */
export function streamEvents(frame: ResponseFrame, choice: GeneratedChoice, items: readonly OutputItem[], body: string, pace: Pace): StreamEvent[] {
  const out = openEvents(frame, pace);
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    emit(out, 'response.output_item.added', `"output_index":${index},"item":${startedJson(item)}}`, pace);
    if (item.type === 'message') {
      const at = `"item_id":"${item.id}","output_index":${index},"content_index":0`;
      const kind = item.refusal ? 'refusal' : 'output_text';
      emit(
        out,
        'response.content_part.added',
        `${at},"part":${item.refusal ? '{"type":"refusal","refusal":""}' : '{"type":"output_text","annotations":[],"logprobs":[],"text":""}'}}`,
        pace,
      );
      const pieces = (item.refusal ? choice.refusal! : choice.content!).pieces;
      const logprobs = item.refusal ? '' : ',"logprobs":[]';
      // One event per token: the text around each piece is made once, and a piece
      // that needs no escaping goes between quotes already in that text.
      const type = `response.${kind}.delta`;
      const head = `{"type":"${type}","sequence_number":`;
      const middle = `,${at},"delta":`;
      const plainMiddle = `${middle}"`;
      const end = `${logprobs}}`;
      const plainEnd = `"${end}`;
      for (const piece of pieces) {
        const n = out.length;
        const data = PLAIN_PIECES.has(piece) ? head + n + plainMiddle + piece + plainEnd : head + n + middle + pieceJson(piece) + end;
        out.push({ event: type, data, delayMs: n === 0 ? pace.first : pace.gap });
      }
      emit(out, `response.${kind}.done`, `${at},"${item.refusal ? 'refusal' : 'text'}":${item.text}${logprobs}}`, pace);
      emit(out, 'response.content_part.done', `${at},"part":${item.part}}`, pace);
    } else if (item.call) {
      const at = `"item_id":"${item.id}","output_index":${index}`;
      for (const piece of choice.toolCalls[item.call.index]!.arguments.pieces)
        emit(out, 'response.function_call_arguments.delta', `${at},"delta":${pieceJson(piece)}}`, pace);
      emit(out, 'response.function_call_arguments.done', `${at},"name":${item.call.name},"arguments":${item.call.arguments}}`, pace);
    }
    emit(out, 'response.output_item.done', `"output_index":${index},"item":${item.done}}`, pace);
  }
  emit(out, `response.${finalStatus(choice).status}`, `"response":${body}}`, pace);
  return out;
}

export const CONTEXT_EXCEEDED = 'Your input exceeds the context window of this model. Please adjust your input and try again.';

/**
 * What a stream whose input is over the model's context window sends: the real API answers
 * 200, announces the response, then ends the stream with an `error` event (without `stream`, it
 * answers 400). Nothing is kept.
 */
export function contextExceededEvents(frame: ResponseFrame, pace: Pace): StreamEvent[] {
  const out = openEvents(frame, pace);
  emit(
    out,
    'error',
    `"error":{"type":"invalid_request_error","code":"context_length_exceeded","message":${JSON.stringify(CONTEXT_EXCEEDED)},"param":"input"}}`,
    pace,
  );
  return out;
}

const FAILURE =
  'An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.';

/** What a stream that fails sends in place of the rest of `out`: an `error` event, then `response.failed`. */
export function appendFailure(out: StreamEvent[], frame: ResponseFrame, pace: Pace): void {
  const message = JSON.stringify(FAILURE);
  emit(out, 'error', `"error":{"type":"server_error","code":"server_error","message":${message},"param":null}}`, pace);
  emit(out, 'response.failed', `"response":${responseJson(frame, 'failed', '[]', `{"code":"server_error","message":${message}}`)}}`, pace);
}
