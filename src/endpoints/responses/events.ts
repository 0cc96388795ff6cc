import type { StreamEvent } from '../../base/plan.js';
import type { GeneratedChoice } from '../../generate/completion.js';
import { pieceJson } from '../../generate/text.js';
import type { Pace } from '../pacing.js';
import { finalStatus, type OutputItem, type ResponseWriter } from './render.js';

/**
 * A generated answer as the API streams it: named events, numbered from 0, in
 * the API's order, paced. Written straight to JSON text from the items'
 * encodings: most answers are sent once.
 */

/** The stream's events; `body` is the finished response's JSON, which the last event carries. */
export function streamEvents(write: ResponseWriter, choice: GeneratedChoice, items: readonly OutputItem[], body: string, pace: Pace): StreamEvent[] {
  const out: StreamEvent[] = [];
  const emit = (type: string, fields: string) =>
    out.push({ event: type, data: `{"type":"${type}","sequence_number":${out.length},${fields}}`, delayMs: out.length === 0 ? pace.first : pace.gap });
  const inProgress = write('in_progress', '[]');
  emit('response.created', `"response":${inProgress}`);
  emit('response.in_progress', `"response":${inProgress}`);
  items.forEach((item, index) => {
    emit('response.output_item.added', `"output_index":${index},"item":${item.started}`);
    if (item.type === 'message') {
      const at = `"item_id":"${item.id}","output_index":${index},"content_index":0`;
      const kind = item.refusal ? 'refusal' : 'output_text';
      emit(
        'response.content_part.added',
        `${at},"part":${item.refusal ? '{"type":"refusal","refusal":""}' : '{"type":"output_text","annotations":[],"logprobs":[],"text":""}'}`,
      );
      const pieces = (item.refusal ? choice.refusal! : choice.content!).pieces;
      const logprobs = item.refusal ? '' : ',"logprobs":[]';
      // One event per token: the text around each piece is made once.
      const type = `response.${kind}.delta`;
      const head = `{"type":"${type}","sequence_number":`;
      const middle = `,${at},"delta":`;
      const end = `${logprobs}}`;
      for (const piece of pieces)
        out.push({ event: type, data: head + out.length + middle + pieceJson(piece) + end, delayMs: out.length === 0 ? pace.first : pace.gap });
      emit(`response.${kind}.done`, `${at},"${item.refusal ? 'refusal' : 'text'}":${item.text}${logprobs}`);
      emit('response.content_part.done', `${at},"part":${item.part}`);
    } else if (item.call) {
      const at = `"item_id":"${item.id}","output_index":${index}`;
      for (const piece of choice.toolCalls[item.call.index]!.arguments.pieces)
        emit('response.function_call_arguments.delta', `${at},"delta":${pieceJson(piece)}`);
      emit('response.function_call_arguments.done', `${at},"name":${JSON.stringify(item.call.name)},"arguments":${item.call.arguments}`);
    }
    emit('response.output_item.done', `"output_index":${index},"item":${item.done}`);
  });
  emit(`response.${finalStatus(choice).status}`, `"response":${body}`);
  return out;
}

const FAILURE =
  'An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.';

/** What a stream that fails after `after` events sends instead of the rest: an `error` event, then `response.failed`. */
export function failureEvents(write: ResponseWriter, after: number, pace: Pace): StreamEvent[] {
  const message = JSON.stringify(FAILURE);
  const failed = write('failed', '[]', `{"code":"server_error","message":${message}}`);
  const delayMs = after === 0 ? pace.first : pace.gap;
  return [
    {
      event: 'error',
      data: `{"type":"error","sequence_number":${after},"error":{"type":"server_error","code":"server_error","message":${message},"param":null}}`,
      delayMs,
    },
    { event: 'response.failed', data: `{"type":"response.failed","sequence_number":${after + 1},"response":${failed}}`, delayMs: pace.gap },
  ];
}
