export const rate = (count, ms) => Math.round((count / ms) * 1000);
export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** This process's CPU time so far (user + system, GC threads included), in µs. */
export const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
