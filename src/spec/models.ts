/**
 * The models the mock lists, with the limits the real API enforces. Any other
 * model name is still served (OpenAI-compatible providers have their own), with
 * o200k_base tokens, no output limit, and the largest context window listed
 * (UNKNOWN_MODEL_CONTEXT_WINDOW), which bounds what counting a prompt can cost.
 */
import { Lru } from '../base/lru.js';

export type Encoding = 'o200k_base' | 'cl100k_base';

export interface ModelInfo {
  id: string;
  created: number;
  ownedBy: string;
  contextWindow: number;
  maxOutputTokens: number;
  encoding: Encoding;
  reasoning: boolean;
}

const m = (
  id: string,
  created: number,
  contextWindow: number,
  maxOutputTokens: number,
  encoding: Encoding = 'o200k_base',
  reasoning = false,
  ownedBy = 'system',
): ModelInfo => ({ id, created, ownedBy, contextWindow, maxOutputTokens, encoding, reasoning });

export const MODELS: readonly ModelInfo[] = [
  m('gpt-5', 1754425777, 400_000, 128_000, 'o200k_base', true),
  m('gpt-5-mini', 1754425928, 400_000, 128_000, 'o200k_base', true),
  m('gpt-5-nano', 1754426384, 400_000, 128_000, 'o200k_base', true),
  m('gpt-4.1', 1744316542, 1_047_576, 32_768),
  m('gpt-4.1-mini', 1744318173, 1_047_576, 32_768),
  m('gpt-4.1-nano', 1744321707, 1_047_576, 32_768),
  m('gpt-4o', 1715367049, 128_000, 16_384),
  m('gpt-4o-mini', 1721172741, 128_000, 16_384),
  m('o4-mini', 1744225351, 200_000, 100_000, 'o200k_base', true),
  m('o3', 1744225308, 200_000, 100_000, 'o200k_base', true),
  m('o3-mini', 1737146383, 200_000, 100_000, 'o200k_base', true),
  m('o1', 1734375816, 200_000, 100_000, 'o200k_base', true),
  m('gpt-4-turbo', 1712361441, 128_000, 4_096, 'cl100k_base'),
  m('gpt-4', 1687882411, 8_192, 8_192, 'cl100k_base', false, 'openai'),
  m('gpt-3.5-turbo', 1677610602, 16_385, 4_096, 'cl100k_base', false, 'openai'),
];

/** The context window of a model the mock does not list: the largest it lists. */
export const UNKNOWN_MODEL_CONTEXT_WINDOW = Math.max(...MODELS.map((info) => info.contextWindow));

const byLength = [...MODELS].sort((a, b) => b.id.length - a.id.length);
const resolved = new Lru<string, { info: ModelInfo | undefined }>(1000);

/** `gpt-4o-2024-08-06` -> gpt-4o; longest known prefix wins. Undefined for unknown models. */
export function modelInfo(model: string): ModelInfo | undefined {
  return resolved.memo(model, () => ({ info: byLength.find((known) => model === known.id || model.startsWith(`${known.id}-`)) })).info;
}

export function encodingFor(model: string): Encoding {
  return modelInfo(model)?.encoding ?? 'o200k_base';
}

export function isReasoningModel(model: string): boolean {
  return modelInfo(model)?.reasoning ?? /^(o\d|gpt-5)/.test(model);
}

export function modelObject(info: ModelInfo) {
  return { id: info.id, object: 'model' as const, created: info.created, owned_by: info.ownedBy };
}
