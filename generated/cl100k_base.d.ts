// The types of generated/cl100k_base.js, written by scripts/build-ranks.mjs at build time: the table's ASCII part.
export declare const text: string;
export declare const lengths: string;
export declare const gaps: string;
export declare const lengthOffset: number;
export declare const size: number;
export declare const split: string;
