import {
  AppointmentInput,
  PatientInput,
  PatientPatch,
  type EntityType,
} from '@healthsync/contracts';
import type { Db } from '../../../db/prisma';
import { invalidField } from '../../../lib/errors';
import { jsonObject } from '../../../lib/wire';
import type { AuthUser } from '../../auth/auth-user';
import {
  createAppointment,
  deleteAppointment,
  updateAppointment,
} from '../../appointments/appointment-services';
import {
  createInventoryItem,
  InventoryCreateInput,
  InventoryPatch,
  updateInventoryItem,
} from '../../inventory/inventory-services';
import { createPatient, type WriteContext } from '../../patients/create-patient';
import { deletePatient } from '../../patients/delete-patient';
import { updatePatient } from '../../patients/update-patient';
import { createRecord } from '../../records/create-record';
import { deleteRecord, updateRecord } from '../../records/update-record';
import type { StoredEntity, WireRow } from '../synced-entities';
import { lockCurrentRows, type CurrentRow } from './lock-current-rows';
import { parsePayload, withoutServerFields } from './parse-payload';

export type ChangeHandler = {
  entity: StoredEntity;
  create(
    tx: Db,
    ctx: WriteContext,
    payload: Record<string, unknown>,
    resourceType: string,
  ): Promise<WireRow>;
  /** Validates an update's payload before any staleness check (an invalid edit is a 400, stale or not). */
  validateUpdate(payload: Record<string, unknown>): unknown;
  update(
    tx: Db,
    ctx: WriteContext,
    id: string,
    validated: unknown,
    current: CurrentRow,
  ): Promise<WireRow>;
  remove(tx: Db, ctx: WriteContext, id: string): Promise<WireRow>;
  /** The row in the caller's scope, or null. */
  current(tx: Db, user: AuthUser, id: string): Promise<CurrentRow | null>;
};

/** The row in the caller's scope (deleted or not), locked for the write that follows. */
async function currentOf(
  tx: Db,
  entity: StoredEntity,
  user: AuthUser,
  id: string,
): Promise<CurrentRow | null> {
  const { inScope } = await lockCurrentRows(tx, entity, user, [id]);
  return inScope.get(id.toLowerCase()) ?? null;
}

const patientHandler: ChangeHandler = {
  entity: 'Patient',
  create: (tx, ctx, payload) =>
    createPatient(tx, ctx, parsePayload(PatientInput, withoutServerFields(payload))),
  validateUpdate: (payload) => parsePayload(PatientPatch, withoutServerFields(payload)),
  update: (tx, ctx, id, validated) => updatePatient(tx, ctx, id, validated as PatientPatch),
  remove: (tx, ctx, id) => deletePatient(tx, ctx, id),
  current: (tx, user, id) => currentOf(tx, 'Patient', user, id),
};

const AppointmentPatch = AppointmentInput.omit({ id: true }).partial();

const appointmentHandler: ChangeHandler = {
  entity: 'Appointment',
  create: (tx, ctx, payload) =>
    createAppointment(tx, ctx, parsePayload(AppointmentInput, withoutServerFields(payload))),
  validateUpdate: (payload) => parsePayload(AppointmentPatch, withoutServerFields(payload)),
  update: (tx, ctx, id, validated) =>
    updateAppointment(tx, ctx, id, validated as typeof AppointmentPatch._output),
  remove: (tx, ctx, id) => deleteAppointment(tx, ctx, id),
  current: (tx, user, id) => currentOf(tx, 'Appointment', user, id),
};

const inventoryHandler: ChangeHandler = {
  entity: 'InventoryItem',
  create: (tx, ctx, payload) =>
    createInventoryItem(tx, ctx, parsePayload(InventoryCreateInput, withoutServerFields(payload))),
  validateUpdate: (payload) => {
    const {
      pharmacy_id: _p,
      pharmacy_name: _pn,
      medicine_id: _m,
      medicine_name: _mn,
      id: _id,
      ...rest
    } = withoutServerFields(payload);
    return parsePayload(InventoryPatch, rest);
  },
  update: (tx, ctx, id, validated) =>
    updateInventoryItem(tx, ctx, id, validated as typeof InventoryPatch._output),
  remove: (tx, ctx, id) => updateInventoryItem(tx, ctx, id, { deleted: true }),
  current: (tx, user, id) => currentOf(tx, 'InventoryItem', user, id),
};

/** `payload.patient_id` names the patient; the rest of the payload is the record's data. */
function splitRecordPayload(payload: Record<string, unknown>) {
  const { patient_id, patient, id, ...data } = withoutServerFields(payload);
  const patientId = patient_id ?? patient;
  return {
    patientId: typeof patientId === 'string' ? patientId : undefined,
    id: typeof id === 'string' ? id : undefined,
    data,
  };
}

/** Any FHIR resource type (Observation, Condition, …) is a HealthRecord. */
const healthRecordHandler = (resourceType: string): ChangeHandler => ({
  entity: 'HealthRecord',
  create: (tx, ctx, payload) => {
    const { patientId, id, data } = splitRecordPayload(payload);
    if (!patientId)
      throw invalidField('payload.patient_id', 'Name the patient this record belongs to.');
    return createRecord(tx, ctx, {
      id: id && isUuid(id) ? id : undefined,
      patient: patientId,
      resource_type: resourceType,
      data,
    });
  },
  validateUpdate: (payload) => {
    const { patientId, data } = splitRecordPayload(payload);
    if (patientId !== undefined && !isUuid(patientId))
      throw invalidField('payload.patient_id', 'Invalid UUID.');
    return { patientId, data };
  },
  update: (tx, ctx, id, validated, current) => {
    const { patientId, data } = validated as { patientId?: string; data: Record<string, unknown> };
    // The payload is merged into the record's data, as the spec's upload example does.
    return updateRecord(tx, ctx, id, {
      patient: patientId,
      data: { ...jsonObject(current.row.data), ...data },
    });
  },
  remove: (tx, ctx, id) => deleteRecord(tx, ctx, id),
  current: async (tx, user, id) => {
    const found = await currentOf(tx, 'HealthRecord', user, id);
    return found && found.row.resource_type === resourceType ? found : null;
  },
});

const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

const ENTITY_HANDLERS: Partial<Record<EntityType, ChangeHandler>> = {
  Patient: patientHandler,
  Appointment: appointmentHandler,
  InventoryItem: inventoryHandler,
};

const READ_ONLY: readonly string[] = ['Doctor', 'Pharmacy', 'Medicine'];

/** The handler for an upload's resource_type; a 400-style error for types clients cannot write. */
export function handlerFor(resourceType: string): ChangeHandler {
  if (READ_ONLY.includes(resourceType)) {
    throw invalidField(
      'resource_type',
      `${resourceType} rows are managed by administrators and cannot be uploaded.`,
    );
  }
  return ENTITY_HANDLERS[resourceType as EntityType] ?? healthRecordHandler(resourceType);
}
