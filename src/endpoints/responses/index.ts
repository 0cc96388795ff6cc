import { requestBudgetProblem } from '../../spec/validate-body.js';
import { invalidRequest } from '../../base/errors.js';
import { MODELS } from '../../spec/models.js';
import { lastUserMessage, messageText } from '../../spec/message-text.js';
import { defineEndpoint, jsonOk, type Checked, type Endpoint } from '../endpoint.js';
import { answerResponses, responseNotFound, type ResponsesCall, type ResponsesMemo } from './answer.js';
import { inputItems, isMessage, responsesGeneration } from './conversation.js';
import { itemId } from './ids.js';
import { ResponseStore } from './store.js';
import type { InputItem, ResponsesRequest } from './types.js';
import { checkConversation, validateShape } from './validate.js';

// No conversation before this input: shared, never written to.
const NO_ITEMS: InputItem[] = [];

/** The request's input with `item_reference`s replaced by the stored items they name. */
function resolve(req: ResponsesRequest, store: ResponseStore): Checked<ResponsesCall> {
  let history: InputItem[] = NO_ITEMS;
  const previous = req.previous_response_id;
  if (previous != null) {
    const stored = store.get(previous);
    if (!stored)
      return { ok: false, error: invalidRequest(`Previous response with id '${previous}' not found.`, 'previous_response_id', 'previous_response_not_found') };
    history = stored.history();
  }
  const given = inputItems(req.input);
  let input = given;
  let stateful = previous != null;
  for (let i = 0; i < given.length; i++) {
    const item = given[i]!;
    if (item.type !== 'item_reference') {
      if (input !== given) input.push(item);
      continue;
    }
    // References are replaced in a copy: the request's own items stay as they were sent.
    if (input === given) input = given.slice(0, i);
    stateful = true;
    const found = store.item(String((item as { id: string }).id));
    if (!found) return { ok: false, error: invalidRequest(`Item with id '${(item as { id: string }).id}' not found.`, `input[${i}].id`, null) };
    input.push(found);
  }
  const generation = responsesGeneration(req, history, input);
  const wrong = checkConversation(req, generation.conversation.messages) ?? requestBudgetProblem(generation.conversation, 1);
  const rawInput = typeof req.input === 'string' ? req.input : input;
  return wrong ? { ok: false, error: wrong } : { ok: true, value: { req, history, rawInput, generation, stateful } };
}

/** The input items as `GET /responses/{id}/input_items` lists them: with ids, messages as parts. */
function listed(input: InputItem[]): object[] {
  return input.map((item) => {
    if (!isMessage(item)) return { id: item.id ?? itemId(item.type === 'function_call' ? 'fc_' : 'msg_'), ...item };
    const content = typeof item.content === 'string' ? [{ type: item.role === 'assistant' ? 'output_text' : 'input_text', text: item.content }] : item.content;
    return { id: item.id ?? itemId('msg_'), type: 'message', role: item.role, content, status: 'completed' };
  });
}

/**
 * The Responses API: `POST /responses`, `GET` and `DELETE /responses/{id}`,
 * `GET /responses/{id}/input_items`. Made per mock: each mock keeps its own
 * stored responses, cleared by `reset()`.
 */
export function responsesEndpoints(store = new ResponseStore(1000)): Endpoint<any, any>[] {
  const create = defineEndpoint<ResponsesCall, ResponsesMemo>({
    name: 'responses',
    method: 'POST',
    path: '/responses',
    read(body) {
      const invalid = validateShape(body);
      return invalid ? { ok: false, error: invalid } : resolve(body as ResponsesRequest, store);
    },
    // Reads that used stored responses may change when the store does.
    remember: (call) => !call.stateful,
    view: ({ req, generation }) => ({ model: req.model, conversation: generation.conversation, stream: req.stream === true }),
    answer: (call, ctx) => answerResponses(call, ctx, store),
    slug({ generation }) {
      const lastUser = lastUserMessage(generation.conversation.messages);
      return lastUser ? messageText(lastUser) : undefined;
    },
    models: MODELS,
    reset: () => store.clear(),
  });
  const retrieve = defineEndpoint<null, never>({
    name: 'responses.retrieve',
    method: 'GET',
    path: '/responses/{id}',
    answer(_, { params }) {
      const stored = store.get(params['id']!);
      return stored ? { ...jsonOk(stored.body), raw: true } : responseNotFound(params['id']!);
    },
  });
  const remove = defineEndpoint<null, never>({
    name: 'responses.delete',
    method: 'DELETE',
    path: '/responses/{id}',
    answer(_, { params }) {
      const id = params['id']!;
      return store.delete(id) ? jsonOk({ id, object: 'response', deleted: true }) : responseNotFound(id);
    },
  });
  const items = defineEndpoint<null, never>({
    name: 'responses.input_items',
    method: 'GET',
    path: '/responses/{id}/input_items',
    answer(_, { params }) {
      const stored = store.get(params['id']!);
      if (!stored) return responseNotFound(params['id']!);
      // Newest first, the API's default order.
      const data = [...(stored.listed ??= listed(stored.input))].reverse() as Array<{ id: string }>;
      return jsonOk({ object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
    },
  });
  return [create, retrieve, remove, items];
}
