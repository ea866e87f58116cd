/** One changed field, both values as stored (field-value.ts puts them in words). */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields an audited write changed (every field of a create or a delete), in a stable order. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .filter((field) => JSON.stringify(before?.[field]) !== JSON.stringify(after?.[field]))
    .map((field) => ({ field, before: before?.[field], after: after?.[field] }));
}
