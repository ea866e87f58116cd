import fc from 'fast-check';
import { READ_ONLY_ENTITY_TYPES, UPLOADABLE_ENTITY_TYPES } from '@healthsync/contracts';
import {
  APPOINTMENTS,
  demoId,
  INVENTORY,
  OBSERVATIONS,
  PATIENTS_A,
  PATIENTS_B,
} from '../demo/demo-data';
import type { FuzzCase, FuzzWorld } from './fuzz-arbitraries';
import { calendarDateText, timestampText } from './fuzz-input-classes';
import { fromSchema, idArbitrary, mutate, mutation, toJsonText, wrongValue } from './fuzz-values';

/**
 * The batch upload path (POST /api/sync/upload/): changes of every resource type, each payload
 * shaped for its type and operation, so that most changes get past the contracts and reach the
 * writers — where a value Date or the database cannot hold used to fail the whole batch.
 */

const FHIR_TYPES = ['Observation', 'Condition', 'MedicationRequest', 'Encounter'];
/** Types clients may not write, and ones that are no type. */
const OTHER_TYPES = [...READ_ONLY_ENTITY_TYPES, 'Unknown', 'observation', ''];
const PATIENTS_OF_A = PATIENTS_A.map((p) => demoId(p.key));
const PATIENTS_OF_B = PATIENTS_B.map((p) => demoId(p.key));
/** The demo patients a user's changes name most: those in the user's scope. */
const patientsOf = (user: string) =>
  user === 'worker2'
    ? PATIENTS_OF_B
    : user === 'admin'
      ? [...PATIENTS_OF_A, ...PATIENTS_OF_B]
      : PATIENTS_OF_A;

/** Rows an update or delete of each type names most. */
const ROW_IDS: Record<string, string[]> = {
  Patient: [...PATIENTS_OF_A, ...PATIENTS_OF_B],
  Appointment: APPOINTMENTS.map((a) => demoId(a.key)),
  InventoryItem: INVENTORY.map((i) => demoId(`inventory-${i.pharmacy}-${i.medicine}`)),
  Observation: OBSERVATIONS.map((o) => demoId(o.key)),
};

/** A field that is present three times in four, or once in four. */
const mostly = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 4 });
const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, arbitrary);

/**
 * One change of an upload batch: its payload shaped for its resource type and operation, naming
 * mostly the given patients — so that most changes pass the contracts and the scope checks and
 * reach the writers.
 */
export function uploadChange(
  world: FuzzWorld,
  patients: string[] = [...PATIENTS_OF_A, ...PATIENTS_OF_B],
): fc.Arbitrary<Record<string, unknown>> {
  const idArb = idArbitrary(world);
  const patientId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...patients) }, idArb);
  const plainAny = fc.jsonValue({ maxDepth: 3 });
  const timestamp = timestampText(world.cursors);
  const bodyOf = (key: string) => {
    const schema = world.table.routes.find((route) => route.key === key)?.body;
    return schema ? fromSchema(schema, world, idArb, plainAny) : plainAny;
  };
  /** The schema's value with `field` set from `values` two times in three. */
  const withField = (base: fc.Arbitrary<unknown>, field: string, values: fc.Arbitrary<unknown>) =>
    fc
      .tuple(base, fc.option(values, { nil: undefined, freq: 3 }))
      .map(([value, set]) => (set === undefined ? value : { ...(value as object), [field]: set }));
  const appointmentEdit = withField(
    bodyOf('PUT /api/appointments/:id/sync_update'),
    'appointment_date',
    timestamp,
  ).map((edit) => {
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
      Patient: {
        create: withField(bodyOf('POST /api/patients'), 'dob', calendarDateText),
        update: withField(bodyOf('PATCH /api/patients/:id'), 'dob', calendarDateText),
      },
      Appointment: {
        create: fc
          .tuple(
            appointmentEdit,
            fc.record(
              {
                patient_id: patientId,
                appointment_date: timestamp,
                doctor_id: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, idArb),
              },
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
    if (operation !== 'create') return shaped.update;
    // A create mostly carries a client-generated id and keeps to the user's own facility.
    return fc
      .tuple(shaped.create, fc.option(fc.uuid(), { nil: undefined }), fc.nat(3))
      .map(([payload, id, keepFacility]) => {
        const { facility_id, ...rest } = payload as Record<string, unknown>;
        return { ...rest, id, ...(keepFacility === 0 ? { facility_id } : {}) };
      });
  };

  const types = [...UPLOADABLE_ENTITY_TYPES, ...FHIR_TYPES, ...OTHER_TYPES];
  return fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...UPLOADABLE_ENTITY_TYPES) },
        { weight: 2, arbitrary: fc.constantFrom(...FHIR_TYPES) },
        { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) },
      ),
      fc.constantFrom('create', 'create', 'update', 'update', 'delete', 'upsert'),
    )
    .chain(([type, operation]) => {
      // What the operation needs mostly, what it does not need rarely.
      const [needed, unneeded] = operation === 'create' ? [mostly, rarely] : [rarely, mostly];
      const serverId = ROW_IDS[type]
        ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ROW_IDS[type]) }, idArb)
        : idArb;
      const baseVersion = fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 2 }) },
        fc.integer({ min: -1, max: 5 }),
        wrongValue,
      );
      return fc.record({
        operation: fc.constant(operation),
        resource_type: fc.oneof(
          { weight: 9, arbitrary: fc.constant(type) },
          fc.constantFrom(...types),
        ),
        server_id: unneeded(serverId),
        client_temp_id: needed(fc.oneof(fc.uuid(), fc.string({ maxLength: 140 }))),
        // Mostly unique; sometimes a key seen before, whose stored outcome is the answer.
        client_change_id: mostly(
          fc.oneof({ weight: 4, arbitrary: fc.uuid() }, fc.constantFrom('c1', 'c2')),
        ),
        base_version: unneeded(baseVersion),
        client_updated_at: rarely(timestamp),
        payload: fc.oneof({ weight: 8, arbitrary: payloadFor(type, operation) }, wrongValue),
      });
    })
    .map((change) =>
      Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
    );
}

/** A batch upload by a signed-in user, sometimes mutated anywhere inside (payloads included). */
export function batchUploadCase(world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const route = world.table.routes.find((r) => r.key === 'POST /api/sync/upload');
  if (!route) throw new Error('the router has no POST /api/sync/upload');
  const batchOf = (user: string) =>
    fc.record(
      {
        device_id: fc.constantFrom('fuzz-phone', 'fuzz-tablet'),
        batch_id: fc.uuid(),
        changes: fc.array(uploadChange(world, patientsOf(user)), { minLength: 1, maxLength: 8 }),
      },
      { requiredKeys: ['device_id', 'changes'] },
    );
  return fc
    .constantFrom(...Object.keys(world.tokens))
    .chain((user) =>
      fc.record({
        user: fc.constant(user),
        batch: batchOf(user),
        mutation: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, mutation),
        // Queued one time in eight: the queue takes the same path, and on PostgreSQL (pg-boss)
        // waiting for its worker costs seconds.
        async: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, fc.constant(true)),
      }),
    )
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
