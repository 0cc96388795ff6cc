export const rate = (count, ms) => Math.round((count / ms) * 1000);
export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
