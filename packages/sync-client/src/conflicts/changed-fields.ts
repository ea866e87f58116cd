/** Keys whose values differ between two rows (JSON equality). */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): string[] {
  if (!before || !after) return [];
  const ignored = new Set(['server_version', 'updated_at', 'last_updated', 'last_synced_at']);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (key) => !ignored.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    )
    .sort();
}
