import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../../auth/auth-user';
import { decideEdit, doctorRefusal, movesFacility, patientRefusal } from './decisions';
import type { CurrentRow } from './lock-current-rows';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const row = (deleted = false): CurrentRow => ({
  row: { id: A, server_version: 3, deleted },
  stamp: 1_000n,
  serverVersion: 3,
  deleted,
});
const worker = { role: 'health_worker', facilityId: A } as AuthUser;

describe('the upload rules, as pure decisions', () => {
  it('scope, then a delete already done, then stale, then deleted on the server', () => {
    expect(decideEdit({ operation: 'update', base_version: 3 }, null).verdict).toBe('not-in-scope');
    expect(decideEdit({ operation: 'delete' }, row(true)).verdict).toBe('already-deleted');
    expect(decideEdit({ operation: 'update', base_version: 2 }, row(true)).verdict).toBe('stale');
    expect(decideEdit({ operation: 'update', base_version: 3 }, row(true)).verdict).toBe(
      'deleted-on-server',
    );
    expect(decideEdit({ operation: 'update', base_version: 3 }, row()).verdict).toBe('apply');
    expect(() => decideEdit({ operation: 'update' }, row())).toThrow(/updated_at/);
  });

  it('a facility move is another facility named, whatever its case', () => {
    expect(movesFacility(undefined, A)).toBe(false);
    expect(movesFacility(A.toUpperCase(), A)).toBe(false);
    expect(movesFacility(B, A)).toBe(true);
  });

  it('an appointment needs a live patient in scope and a live doctor of its facility', () => {
    expect(patientRefusal(worker, { facilityId: A, deleted: false }, 'patient_id')).toBeNull();
    expect(patientRefusal(worker, { facilityId: B, deleted: false }, 'patient_id')).not.toBeNull();
    expect(patientRefusal(worker, undefined, 'patient_id')?.body).toMatchObject({
      errors: { patient_id: 'Unknown patient.' },
    });
    expect(doctorRefusal(null, undefined, A)).toBeNull();
    expect(doctorRefusal(B, { facilityId: A, deleted: false }, A)).toBeNull();
    expect(doctorRefusal(B, { facilityId: A, deleted: true }, A)).not.toBeNull();
    expect(doctorRefusal(B, { facilityId: B, deleted: false }, A)).not.toBeNull();
  });
});
