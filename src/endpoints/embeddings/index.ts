import { defineEndpoint } from '../endpoint.js';
import { answerEmbeddings, type EmbeddingsMemo } from './answer.js';
import { EMBEDDING_MODEL_INFO } from './models.js';
import type { EmbeddingsCall } from './request.js';
import { readEmbeddings } from './validate.js';

/** `POST /embeddings`: deterministic, lexically meaningful vectors (see vector.ts). */
export const embeddings = defineEndpoint<EmbeddingsCall, EmbeddingsMemo>({
  name: 'embeddings',
  method: 'POST',
  path: '/embeddings',
  read: readEmbeddings,
  view: (call) => ({ model: call.request.model }),
  answer: answerEmbeddings,
  slug: (call) => call.inputs.find((input): input is string => typeof input === 'string'),
  models: EMBEDDING_MODEL_INFO,
});
