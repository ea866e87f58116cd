import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/test-database';
import type { TestDatabase } from '../test/test-database';

let database: TestDatabase;
let entryId: bigint;

beforeAll(async () => {
  database = await createTestDatabase();
  const entry = await database.prisma.auditLog.create({
    data: {
      action: 'create',
      entityType: 'patient',
      entityId: 'p-1',
      afterVersion: 1,
      after: { name: 'A' },
    },
  });
  entryId = entry.id;
});
afterAll(() => database?.close());

describe('audit_log is append-only', () => {
  it('accepts inserts', async () => {
    expect(await database.prisma.auditLog.count()).toBe(1);
  });

  it('rejects UPDATE', async () => {
    await expect(
      database.prisma.auditLog.update({ where: { id: entryId }, data: { action: 'x' } }),
    ).rejects.toThrow();
    await expect(database.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(
      /append-only/,
    );
  });

  it('rejects DELETE, even of no row', async () => {
    await expect(database.prisma.auditLog.delete({ where: { id: entryId } })).rejects.toThrow();
    await expect(database.query('DELETE FROM audit_log WHERE false')).rejects.toThrow(
      /append-only/,
    );
  });

  it('rejects TRUNCATE', async () => {
    await expect(database.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('still holds the original entry', async () => {
    const entry = await database.prisma.auditLog.findUniqueOrThrow({ where: { id: entryId } });
    expect(entry.action).toBe('create');
  });
});
