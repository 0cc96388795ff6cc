import type { Generated } from '../../generate/completion.js';
import { compile, finalStatus, outputItems, responseObject, slots, wrap, type Template } from './render.js';
import type { FunctionCallItem, ResponsesRequest } from './types.js';

/** A generated answer as the API streams it: named events, numbered from 0, in the API's order. */

export interface EventTemplate {
  event: string;
  data: Template;
}

/** A delta event written directly: streams hold many, and each answer not seen before encodes them all. */
function deltaEvent(type: string, sequence: number, item: [string, number], at: string, delta: string, tail: string): EventTemplate {
  const head = `{"type":"${type}","sequence_number":${sequence},"item_id":"`;
  return { event: type, data: { texts: [head, `","output_index":${at},"delta":${JSON.stringify(delta)}${tail}}`], slots: [item] } };
}

/** The stream's events, in the real order, with slots; `sequence_number` counts from 0. */
export function eventTemplates(req: ResponsesRequest, generated: Generated, body: Template): EventTemplate[] {
  const choice = generated.choices[0]!;
  const ids = slots(choice.toolCalls.length);
  const out: EventTemplate[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => out.push({ event: type, data: compile(JSON.stringify({ type, sequence_number: out.length, ...fields })) });
  // The events that carry the whole response reuse its encoding.
  const withResponse = (type: string, response: Template) => out.push({ event: type, data: wrap(`{"type":"${type}","sequence_number":${out.length},"response":`, response, '}') });
  const inProgress = compile(JSON.stringify(responseObject(req, generated, ids, 'in_progress')));
  withResponse('response.created', inProgress);
  withResponse('response.in_progress', inProgress);
  const started = outputItems(req, choice, ids, false);
  const done = outputItems(req, choice, ids, true);
  done.forEach((item, output_index) => {
    emit('response.output_item.added', { output_index, item: started[output_index] });
    if (item.type === 'message') {
      const part = (item.content as Array<Record<string, unknown>>)[0]!;
      const at = { item_id: item.id, output_index, content_index: 0 };
      if (part.type === 'refusal') {
        emit('response.content_part.added', { ...at, part: { type: 'refusal', refusal: '' } });
        for (const delta of choice.refusal!.pieces) emit('response.refusal.delta', { ...at, delta });
        emit('response.refusal.done', { ...at, refusal: part.refusal });
      } else {
        emit('response.content_part.added', { ...at, part: { ...part, text: '' } });
        for (const delta of choice.content!.pieces) out.push(deltaEvent('response.output_text.delta', out.length, ['m', 0], `${output_index},"content_index":0`, delta, ',"logprobs":[]'));
        emit('response.output_text.done', { ...at, text: part.text, logprobs: [] });
      }
      emit('response.content_part.done', { ...at, part });
    } else if (item.type === 'function_call') {
      const call = item as unknown as FunctionCallItem & { id: string };
      const index = choice.toolCalls.findIndex((_, i) => ids.fc[i] === call.id);
      for (const delta of choice.toolCalls[index]!.arguments.pieces) out.push(deltaEvent('response.function_call_arguments.delta', out.length, ['f', index], `${output_index}`, delta, ''));
      emit('response.function_call_arguments.done', { item_id: call.id, output_index, name: call.name, arguments: call.arguments });
    }
    emit('response.output_item.done', { output_index, item });
  });
  withResponse(`response.${finalStatus(choice).status}`, body);
  return out;
}

/** What a stream that fails after `after` events sends instead of the rest: an `error` event, then `response.failed`. */
export function failureTemplates(req: ResponsesRequest, generated: Generated, after: number): EventTemplate[] {
  const ids = slots(generated.choices[0]!.toolCalls.length);
  const message = 'An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists.';
  const failed = responseObject(req, generated, ids, 'failed', { code: 'server_error', message });
  return [
    { event: 'error', data: compile(JSON.stringify({ type: 'error', sequence_number: after, error: { type: 'server_error', code: 'server_error', message, param: null } })) },
    { event: 'response.failed', data: compile(JSON.stringify({ type: 'response.failed', sequence_number: after + 1, response: failed })) },
  ];
}
