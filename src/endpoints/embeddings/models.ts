import type { ModelInfo } from '../../spec/models.js';

/** An embedding model's vector size, and whether `dimensions` may shorten it (text-embedding-3 and later). */
export interface EmbeddingModel {
  id: string;
  dimensions: number;
  shortens: boolean;
  /** The name the real API echoes in `model` (ada-002 answers as `-v2`). */
  answersAs: string;
}

/** The size of models the mock does not know (OpenAI-compatible providers' own): text-embedding-3-small's. */
export const DEFAULT_DIMENSIONS = 1536;
/** Tokens per input, the same for every embedding model. */
export const MAX_INPUT_TOKENS = 8192;
/** Inputs per request. */
export const MAX_INPUTS = 2048;
/** Tokens summed over all of a request's inputs. */
export const MAX_REQUEST_TOKENS = 300_000;

export const EMBEDDING_MODELS: readonly EmbeddingModel[] = [
  { id: 'text-embedding-3-small', dimensions: 1536, shortens: true, answersAs: 'text-embedding-3-small' },
  { id: 'text-embedding-3-large', dimensions: 3072, shortens: true, answersAs: 'text-embedding-3-large' },
  { id: 'text-embedding-ada-002', dimensions: 1536, shortens: false, answersAs: 'text-embedding-ada-002-v2' },
];

/** A known model, or the default: 1,536 dimensions that `dimensions` may shorten. */
export function embeddingModel(id: string): EmbeddingModel {
  return EMBEDDING_MODELS.find((model) => model.id === id) ?? { id, dimensions: DEFAULT_DIMENSIONS, shortens: true, answersAs: id };
}

const listed = (id: string, created: number, ownedBy: string): ModelInfo => ({
  id,
  created,
  ownedBy,
  contextWindow: MAX_INPUT_TOKENS,
  maxOutputTokens: 0,
  encoding: 'cl100k_base',
  reasoning: false,
});

/** As `GET /models` lists them. */
export const EMBEDDING_MODEL_INFO: readonly ModelInfo[] = [
  listed('text-embedding-3-small', 1705948997, 'system'),
  listed('text-embedding-3-large', 1705953180, 'system'),
  listed('text-embedding-ada-002', 1671217299, 'openai-internal'),
];
