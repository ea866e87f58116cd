export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const fmtMs = (ms) =>
  ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
export const fmtBytes = (b) =>
  Number.isNaN(b)
    ? 'n/a'
    : b >= 1e6
      ? `${(b / 1e6).toFixed(2)} MB`
      : b >= 1e3
        ? `${(b / 1e3).toFixed(1)} kB`
        : `${b} B`;
export function summary(ms) {
  return { median: median(ms), min: Math.min(...ms), max: Math.max(...ms), runs: ms.length };
}
export const fmtSummary = (s) =>
  `${fmtMs(s.median)} (${fmtMs(s.min)}–${fmtMs(s.max)}, n=${s.runs})`;
/** The p-th percentile (0–100), nearest rank. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
