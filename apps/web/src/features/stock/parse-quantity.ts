/** A whole number of units, 0 to 10,000,000 (the contracts' limit); null if not. */
export function parseQuantity(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value <= 10_000_000 ? value : null;
}
