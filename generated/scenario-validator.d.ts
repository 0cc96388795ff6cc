// The types of generated/scenario-validator.js, written by scripts/build-validators.mjs at build time.
import type { ValidateFunction } from 'ajv';

/** The scenario schema's JSON text as it was compiled. */
export declare const schemaText: string;
/** The scenario schema's validator (all errors, verbose). */
export declare const validate: ValidateFunction;
