import type { EmbeddingModel } from './models.js';

/** `POST /embeddings`'s body, as the openai SDK types it. */
export interface EmbeddingsRequest {
  model: string;
  /** A text, texts, one input as token ids, or several as token-id arrays. */
  input: string | string[] | number[] | number[][];
  encoding_format?: 'float' | 'base64' | null;
  /** Shortens text-embedding-3 vectors; ada-002 refuses it. */
  dimensions?: number | null;
  user?: string;
}

/** A request read and checked: one entry per vector to return, as text or token ids. */
export interface EmbeddingsCall {
  request: EmbeddingsRequest;
  inputs: Array<string | number[]>;
  model: EmbeddingModel;
  /** Coordinates per vector: `dimensions`, else the model's. */
  size: number;
}

/** `{ object: "list", data: [{ object: "embedding", index, embedding }], model, usage }`. */
export interface EmbeddingsResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}
