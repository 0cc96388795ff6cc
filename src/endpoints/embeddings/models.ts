import type { ModelInfo } from '../../spec/models.js';

/** An embedding model's vector size, and whether `dimensions` may shorten it (text-embedding-3 and later). */
export interface EmbeddingModel {
  id: string;
  dimensions: number;
  shortens: boolean;
  /** The name the real API echoes in `model` (ada-002 answers as `-v2`). */
  answersAs: string;
}

/** A model the mock knows: also listed by `GET /models`, as the real API lists it. */
interface KnownEmbeddingModel extends EmbeddingModel {
  created: number;
  ownedBy: string;
}

/** The size of models the mock does not know (OpenAI-compatible providers' own): text-embedding-3-small's. */
const DEFAULT_DIMENSIONS = 1536;
/** Tokens per input, the same for every embedding model. */
export const MAX_INPUT_TOKENS = 8192;
/** Inputs per request. */
export const MAX_INPUTS = 2048;
/** Tokens summed over all of a request's inputs. */
export const MAX_REQUEST_TOKENS = 300_000;

const EMBEDDING_MODELS: readonly KnownEmbeddingModel[] = [
  { id: 'text-embedding-3-small', dimensions: 1536, shortens: true, answersAs: 'text-embedding-3-small', created: 1705948997, ownedBy: 'system' },
  { id: 'text-embedding-3-large', dimensions: 3072, shortens: true, answersAs: 'text-embedding-3-large', created: 1705953180, ownedBy: 'system' },
  { id: 'text-embedding-ada-002', dimensions: 1536, shortens: false, answersAs: 'text-embedding-ada-002-v2', created: 1671217299, ownedBy: 'openai-internal' },
];

/** A known model, or the default: 1,536 dimensions that `dimensions` may shorten. */
export function embeddingModel(id: string): EmbeddingModel {
  return EMBEDDING_MODELS.find((model) => model.id === id) ?? { id, dimensions: DEFAULT_DIMENSIONS, shortens: true, answersAs: id };
}

/** As `GET /models` lists them. */
export const EMBEDDING_MODEL_INFO: readonly ModelInfo[] = EMBEDDING_MODELS.map(({ id, created, ownedBy }) => ({
  id,
  created,
  ownedBy,
  contextWindow: MAX_INPUT_TOKENS,
  maxOutputTokens: 0,
  encoding: 'cl100k_base',
  reasoning: false,
}));
