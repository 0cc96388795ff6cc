// The types of generated/cl100k_base.more.cjs, written by scripts/build-ranks.mjs at build time: the table's other part.
export declare const text: string;
export declare const lengths: string;
export declare const gaps: string;
export declare const lengthOffset: number;
export declare const bytes: number[];
