// The types of generated/cl100k_base.js, written by scripts/build-ranks.mjs at build time.
export declare const text: string;
export declare const lengths: string;
export declare const lengthOffset: number;
export declare const bytes: number[];
export declare const split: string;
