import { describe, expect, it } from 'vitest';
import { compareChanges } from './conflict-fields';

describe('compareChanges', () => {
  it('lists what either side changed and what our edit sends, hiding bookkeeping fields', () => {
    const fields = compareChanges({
      mine: { id: 'p1', address: 'Gram A', phone: '98140', server_version: 3 },
      server: { id: 'p1', address: 'Gram B', phone: '98140', name: 'Asha', updated_at: 'x' },
      mineChanged: ['address'],
      serverChanged: ['address', 'name', 'updated_at'],
    });
    expect(fields.map((f) => f.field)).toEqual(['address', 'name', 'phone']);
  });

  it('marks a field both sides changed as the one to choose, and only that one', () => {
    const fields = compareChanges({
      mine: { address: 'Gram A', phone: '1' },
      server: { address: 'Gram B', phone: '2', name: 'Asha' },
      mineChanged: ['address', 'phone'],
      serverChanged: ['address', 'name'],
    });
    expect(Object.fromEntries(fields.map((f) => [f.field, f.both]))).toEqual({
      address: true,
      phone: false,
      name: false,
    });
  });

  it('shows the server’s value on our side for a field our edit left alone', () => {
    const [name] = compareChanges({
      mine: {},
      server: { name: 'Asha Devi' },
      mineChanged: [],
      serverChanged: ['name'],
    });
    expect(name).toEqual({ field: 'name', mine: 'Asha Devi', server: 'Asha Devi', both: false });
  });

  it('compares against a row the server deleted (no server side)', () => {
    expect(
      compareChanges({
        mine: { address: 'Gram A' },
        server: null,
        mineChanged: ['address'],
        serverChanged: [],
      }),
    ).toEqual([{ field: 'address', mine: 'Gram A', server: undefined, both: false }]);
  });
});
