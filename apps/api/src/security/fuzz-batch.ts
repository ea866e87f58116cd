import fc from 'fast-check';
import { READ_ONLY_ENTITY_TYPES, UPLOADABLE_ENTITY_TYPES } from '@healthsync/contracts';
import { demoId, PATIENTS_A, PATIENTS_B } from '../demo/demo-data';
import type { FuzzCase, FuzzWorld } from './fuzz-arbitraries';
import { timestampText } from './fuzz-input-classes';
import { fromSchema, idArbitrary, mutate, mutation, toJsonText, wrongValue } from './fuzz-values';

/**
 * The batch upload path (POST /api/sync/upload/): changes of every resource type, each payload
 * shaped for its type and operation, so that most changes get past the contracts and reach the
 * writers — where a value Date or the database cannot hold used to fail the whole batch.
 */

const FHIR_TYPES = ['Observation', 'Condition', 'MedicationRequest', 'Encounter'];
/** Types clients may not write, and ones that are no type. */
const OTHER_TYPES = [...READ_ONLY_ENTITY_TYPES, 'Unknown', 'observation', ''];
const PATIENT_IDS = [...PATIENTS_A, ...PATIENTS_B].map((p) => demoId(p.key));

/** A field that is present three times in four. */
const mostly = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 4 });

/** One change of an upload batch: its payload shaped for its resource type and operation. */
export function uploadChange(world: FuzzWorld): fc.Arbitrary<Record<string, unknown>> {
  const idArb = idArbitrary(world);
  const patientId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PATIENT_IDS) }, idArb);
  const plainAny = fc.jsonValue({ maxDepth: 3 });
  const timestamp = timestampText(world.cursors);
  const bodyOf = (key: string) => {
    const schema = world.table.routes.find((route) => route.key === key)?.body;
    return schema ? fromSchema(schema, world, idArb, plainAny) : plainAny;
  };
  const appointmentEdit = bodyOf('PUT /api/appointments/:id/sync_update').map((edit) => {
    // The upload carries its base outside the payload.
    const {
      client_last_synced_at: _c,
      base_version: _b,
      ...fields
    } = edit as Record<string, unknown>;
    return fields;
  });
  const fhirResource = fc
    .tuple(
      fc.record({ patient_id: patientId }, { requiredKeys: [] }),
      fc.record({ effectiveDateTime: timestamp, issued: timestamp }, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 12 }), plainAny, { maxKeys: 4 }),
    )
    .map((parts) => Object.assign({}, ...parts) as Record<string, unknown>);

  const payloads: Record<string, { create: fc.Arbitrary<unknown>; update: fc.Arbitrary<unknown> }> =
    {
      Patient: { create: bodyOf('POST /api/patients'), update: bodyOf('PATCH /api/patients/:id') },
      Appointment: {
        create: fc
          .tuple(
            appointmentEdit,
            fc.record(
              { patient_id: patientId, appointment_date: timestamp, doctor_id: idArb },
              { requiredKeys: ['patient_id', 'appointment_date'] },
            ),
          )
          .map(([edit, required]) => ({ ...edit, ...required })),
        update: appointmentEdit,
      },
      InventoryItem: {
        create: fc.record({
          pharmacy_id: idArb,
          medicine_id: idArb,
          quantity_available: fc.integer({ min: -5, max: 1000 }),
        }),
        update: fc.record({ quantity_available: fc.integer({ min: -5, max: 1000 }) }),
      },
    };
  const payloadFor = (type: string, operation: string) => {
    const shaped =
      payloads[type] ??
      (FHIR_TYPES.includes(type) ? { create: fhirResource, update: fhirResource } : undefined);
    if (!shaped) return plainAny;
    return operation === 'create' ? shaped.create : shaped.update;
  };

  const types = [...UPLOADABLE_ENTITY_TYPES, ...FHIR_TYPES, ...OTHER_TYPES];
  return fc
    .tuple(
      fc.constantFrom(...types),
      fc.constantFrom('create', 'create', 'update', 'update', 'delete', 'upsert'),
    )
    .chain(([type, operation]) =>
      fc.record({
        operation: fc.constant(operation),
        resource_type: fc.oneof(
          { weight: 9, arbitrary: fc.constant(type) },
          fc.constantFrom(...types),
        ),
        server_id: mostly(idArb),
        client_temp_id: mostly(fc.oneof(fc.uuid(), fc.string({ maxLength: 140 }))),
        client_change_id: mostly(fc.oneof(fc.uuid(), fc.constantFrom('c1', 'c2'))),
        base_version: mostly(fc.oneof(fc.integer({ min: -1, max: 5 }), wrongValue)),
        client_updated_at: mostly(timestamp),
        payload: fc.oneof({ weight: 8, arbitrary: payloadFor(type, operation) }, wrongValue),
      }),
    )
    .map((change) =>
      Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
    );
}

/** A batch upload by a signed-in user, sometimes mutated anywhere inside (payloads included). */
export function batchUploadCase(world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const route = world.table.routes.find((r) => r.key === 'POST /api/sync/upload');
  if (!route) throw new Error('the router has no POST /api/sync/upload');
  const batch = fc.record(
    {
      device_id: fc.constantFrom('fuzz-phone', 'fuzz-tablet'),
      batch_id: fc.uuid(),
      changes: fc.array(uploadChange(world), { minLength: 1, maxLength: 8 }),
    },
    { requiredKeys: ['device_id', 'changes'] },
  );
  return fc
    .record({
      user: fc.constantFrom(...Object.keys(world.tokens)),
      batch,
      mutation: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, mutation),
      async: fc.boolean(),
    })
    .map(({ user, batch: body, mutation: m, async }) => ({
      route,
      user,
      url: `/api/sync/upload/${async ? '?async=true' : ''}`,
      headers: {
        authorization: `Bearer ${world.tokens[user]}`,
        'content-type': 'application/json',
      },
      body: toJsonText(m ? mutate(body, m) : body),
      note: m ? `batch, mutated (${m.kind})` : 'batch',
    }));
}
