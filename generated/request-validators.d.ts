// The types of generated/request-validators.js, written by scripts/build-validators.mjs at build time.
import type { ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';

/** Each request schema's JSON text as it was compiled, by the key endpoints pass to validateBody. */
export declare const schemaTexts: Record<string, string>;
/** The compiled validators, by the same keys; `runtime` holds the Ajv runtime helpers the code calls. */
export declare function requestValidators(re2: RegExpEngine, runtime: { ucs2length: { default: (text: string) => number } }): Record<string, ValidateFunction>;
