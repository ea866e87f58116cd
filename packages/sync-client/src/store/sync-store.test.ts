import { describe, expect, it } from 'vitest';
import { STORE_KINDS, uniqueName } from '../test/stores';
import type { Patient } from '@healthsync/contracts';
import { HealthSyncError } from '@healthsync/contracts';
import { LOCAL_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations';
import type { LocalRow } from '../local/local-row';
import { emptyRow } from '../local/row-ops';

function row(id: string, words: string[], patient?: string): LocalRow<never> {
  return { ...emptyRow<never>(id, 'Patient'), idx: { words, ...(patient ? { patient } : {}) } };
}

describe.each(STORE_KINDS)('SyncStore ($name)', (kind) => {
  it('reads back what a write committed, across a reopen', async () => {
    const name = uniqueName();
    const store = await kind.open(name);
    await store.write(async (tx) => {
      await tx.put('patients', row('b', ['bob']));
      await tx.put('patients', row('a', ['alice']));
      await tx.setMeta('cursor', '2024-01-21T16:45:30.123456Z');
    });
    await store.close();
    const reopened = await kind.open(name);
    const { all, cursor, count } = await reopened.read(async (tx) => ({
      all: await tx.getAll('patients'),
      cursor: await tx.getMeta('cursor'),
      count: await tx.count('patients'),
    }));
    expect(all.map((r) => r.id)).toEqual(['a', 'b']);
    expect(cursor).toBe('2024-01-21T16:45:30.123456Z');
    expect(count).toBe(2);
    await reopened.close();
  });

  it('keeps nothing of a write whose function throws', async () => {
    const store = await kind.open(uniqueName());
    await store.write((tx) => tx.put('patients', row('keep', ['keep'])));
    await expect(
      store.write(async (tx) => {
        await tx.put('patients', row('lost', ['lost']));
        await tx.delete('patients', 'keep');
        await tx.setMeta('cursor', 'x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const state = await store.read(async (tx) => ({
      ids: (await tx.getAll('patients')).map((r) => r.id),
      cursor: await tx.getMeta('cursor'),
    }));
    expect(state).toEqual({ ids: ['keep'], cursor: undefined });
    await store.close();
  });

  it('sees its own writes inside a transaction and queries indexes (exact, range, multi-entry once)', async () => {
    const store = await kind.open(uniqueName());
    const result = await store.write(async (tx) => {
      await tx.put('patients', row('1', ['anita', 'sharma'], 'p1'));
      await tx.put('patients', row('2', ['anil', 'anand'], 'p2'));
      await tx.put('patients', row('3', ['ravi'], 'p1'));
      return {
        byPatient: (await tx.getByIndex('patients', 'patient', { equals: 'p1' }))
          .map((r) => r.id)
          .sort(),
        prefix: (await tx.getByIndex('patients', 'words', { from: 'an', to: 'an\uffff' }))
          .map((r) => r.id)
          .sort(),
        inTx: (await tx.get('patients', '3'))?.id,
      };
    });
    expect(result).toEqual({ byPatient: ['1', '3'], prefix: ['1', '2'], inTx: '3' });
    await store.close();
  });

  it('finds visits by follow-up date, before a day, and leaves out those without one', async () => {
    const store = await kind.open(uniqueName());
    const visit = (id: string, followUp?: string): LocalRow<never> => ({
      ...emptyRow<never>(id, 'Appointment'),
      idx: { status: 'COMPLETED', ...(followUp ? { followUp } : {}) },
    });
    await store.write(async (tx) => {
      await tx.put('appointments', visit('past', '2026-12-01'));
      await tx.put('appointments', visit('today', '2026-12-06'));
      await tx.put('appointments', visit('none'));
    });
    const due = await store.read((tx) =>
      tx.getByIndex('appointments', 'followUp', { from: '0000-01-01', to: '2026-12-06' }),
    );
    expect(due.map((r) => r.id)).toEqual(['past']);
    await store.close();
  });

  it('clears a table atomically with other writes', async () => {
    const store = await kind.open(uniqueName());
    await store.write(async (tx) => {
      await tx.put('patients', row('1', []));
      await tx.put('patients', row('2', []));
    });
    await store.write(async (tx) => {
      await tx.clear('patients');
      await tx.put('patients', row('3', []));
    });
    expect((await store.read((tx) => tx.getAll('patients'))).map((r) => r.id)).toEqual(['3']);
    await store.close();
  });

  it.skipIf(!kind.plainMigrations)(
    'runs a later migration once on upgrade, and refuses a database newer than the app',
    async () => {
      const name = uniqueName();
      await (await kind.open(name)).close();
      let runs = 0;
      const v2: Migration[] = [
        ...MIGRATIONS,
        {
          version: LOCAL_SCHEMA_VERSION + 1,
          description: 'test: stamp the outbox sequence',
          schema: (b) => b.createIndex('patients', 'byName', 'server.name', false),
          async data(tx) {
            runs += 1;
            await tx.setMeta('outboxSeq', 42);
          },
        },
      ];
      const upgraded = await kind.open(name, v2);
      expect(await upgraded.read((tx) => tx.getMeta('outboxSeq'))).toBe(42);
      await upgraded.close();
      await (await kind.open(name, v2)).close();
      expect(runs).toBe(1);
      const refused = kind.open(name);
      await expect(refused).rejects.toBeInstanceOf(HealthSyncError);
      await expect(refused).rejects.toMatchObject({ code: 'LOCAL_SCHEMA_TOO_NEW' });
    },
  );

  it.skipIf(!kind.plainMigrations)(
    'indexes the phone digits of patients stored before version 2 (phone search)',
    async () => {
      const name = uniqueName();
      const v1 = await kind.open(name, MIGRATIONS.slice(0, 1));
      const stored = { ...emptyRow<Patient>('p1', 'Patient'), serverVersion: 1 };
      stored.server = { name: 'Asha', phone_number: '+91 98220-12345' } as Patient;
      stored.idx = { words: ['asha'] };
      await v1.write((tx) => tx.put('patients', stored));
      await v1.close();
      const upgraded = await kind.open(name);
      const byDigits = (digits: string) =>
        upgraded.read((tx) =>
          tx.getByIndex('patients', 'phone', { from: digits, to: `${digits}\uffff` }),
        );
      expect((await byDigits('2012')).map((r) => r.id)).toEqual(['p1']);
      expect((await byDigits('919822012345')).map((r) => r.id)).toEqual(['p1']);
      expect(await byDigits('777')).toEqual([]);
      await upgraded.close();
    },
  );
});
