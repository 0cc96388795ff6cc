import { lastUserMessage } from '../../spec/message-text.js';
import { MODELS } from '../../spec/models.js';
import type { ChatCompletionRequest } from '../../spec/types.js';
import { defineEndpoint } from '../endpoint.js';
import { answerChat, type ChatMemo } from './answer.js';
import { chatGeneration } from './conversation.js';
import { validateRequest } from './validate.js';

/** `POST /chat/completions`. */
export const chatCompletions = defineEndpoint<ChatCompletionRequest, ChatMemo>({
  name: 'chat.completions',
  method: 'POST',
  path: '/chat/completions',
  read(body) {
    const invalid = validateRequest(body);
    return invalid ? { ok: false, error: invalid } : { ok: true, value: body as ChatCompletionRequest };
  },
  view: (req) => ({ model: req.model, conversation: chatGeneration(req).conversation, stream: req.stream === true }),
  answer: answerChat,
  slug(req) {
    const content = lastUserMessage(req.messages)?.content;
    return typeof content === 'string' ? content : undefined;
  },
  models: MODELS,
});
