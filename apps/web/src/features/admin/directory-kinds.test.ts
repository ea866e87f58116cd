import { describe, expect, it } from 'vitest';
import { createBody, DIRECTORY_KINDS } from './directory-kinds';

const kind = (testId: string) => DIRECTORY_KINDS.find((k) => k.testId === testId)!;

describe('directory kinds', () => {
  it('sends the name trimmed and every empty optional field as null', () => {
    expect(
      createBody(kind('pharmacies').fields, {
        name: '  Jan Aushadhi Kendra ',
        address: ' ',
        village: 'Miraj ',
        facility_id: '',
      }),
    ).toEqual({ name: 'Jan Aushadhi Kendra', address: null, village: 'Miraj', facility_id: null });
  });

  it('asks for the fields each endpoint takes, on its own path', () => {
    expect(
      DIRECTORY_KINDS.map((k) => [
        `${k.create.method} ${k.create.path}`,
        k.fields.map((f) => f.name),
      ]),
    ).toEqual([
      ['POST /api/admin/facilities/', ['name', 'district']],
      ['POST /api/admin/pharmacies/', ['name', 'address', 'village', 'facility_id']],
      ['POST /api/admin/medicines/', ['name', 'strength', 'form']],
    ]);
  });
});
