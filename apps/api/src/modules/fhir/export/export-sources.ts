import type { FhirExportType } from '@healthsync/contracts';
import type { Resource } from '@medplum/fhirtypes';
import type { AppointmentRow, Db, HealthRecordRow } from '../../../db/prisma';
import {
  appointmentDiagnosisToFhir,
  appointmentPrescriptionToFhir,
  appointmentToFhir,
} from '../appointment-to-fhir';
import {
  facilityToLocation,
  facilityToOrganization,
  pharmacyToLocation,
  pharmacyToOrganization,
} from '../facility-to-fhir';
import { patientToFhir } from '../patient-to-fhir';
import { practitionerToFhir } from '../practitioner-to-fhir';
import { isFhirRecord, recordToFhir } from '../record-to-fhir';

/** Rows read per query: an export holds one page of one type in memory at a time. */
export const EXPORT_PAGE_ROWS = 2000;

export type ExportScope = { facilityId: string | null; since: Date | null };

type Keyed = { id: string };
type PageReader<R extends Keyed> = (after: string | null) => Promise<R[]>;

/** Pages of rows in id order (keyset: each page starts after the last id of the one before). */
async function* pagesOf<R extends Keyed>(read: PageReader<R>): AsyncGenerator<R[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < EXPORT_PAGE_ROWS) return;
    after = rows.at(-1)!.id;
  }
}

const page = (after: string | null) => ({
  ...(after ? { id: { gt: after } } : {}),
});

function synced(scope: ExportScope, after: string | null) {
  return {
    deleted: false,
    ...page(after),
    ...(scope.facilityId ? { facilityId: scope.facilityId } : {}),
    ...(scope.since ? { updatedAt: { gt: scope.since } } : {}),
  };
}

const take = { orderBy: { id: 'asc' as const }, take: EXPORT_PAGE_ROWS };

async function* mapped<R extends Keyed>(
  read: PageReader<R>,
  build: (row: R) => Resource | null,
): AsyncGenerator<Resource[]> {
  for await (const rows of pagesOf(read)) {
    const resources = rows.map(build).filter((r) => r !== null);
    if (resources.length) yield resources;
  }
}

function records(
  db: Db,
  scope: ExportScope,
  where: object,
  keep: (row: HealthRecordRow) => boolean,
) {
  return mapped(
    (after) => db.healthRecord.findMany({ where: { ...synced(scope, after), ...where }, ...take }),
    (row) => (keep(row) ? recordToFhir(row) : null),
  );
}

async function* places(db: Db, scope: ExportScope, type: 'Organization' | 'Location') {
  const facilities = await db.facility.findMany({
    where: {
      ...(scope.facilityId ? { id: scope.facilityId } : {}),
      ...(scope.since ? { createdAt: { gt: scope.since } } : {}),
    },
    orderBy: { id: 'asc' },
  });
  if (facilities.length) {
    yield facilities.map((row): Resource =>
      type === 'Organization' ? facilityToOrganization(row) : facilityToLocation(row),
    );
  }
  yield* mapped(
    (after) => db.pharmacy.findMany({ where: synced(scope, after), ...take }),
    type === 'Organization' ? pharmacyToOrganization : pharmacyToLocation,
  );
}

/** Every resource of `type` in the export's scope, a page at a time, read from the database. */
export function exportPages(
  db: Db,
  scope: ExportScope,
  type: FhirExportType,
): AsyncGenerator<Resource[]> {
  const appointments = (build: (row: AppointmentRow) => Resource | null) =>
    mapped((after) => db.appointment.findMany({ where: synced(scope, after), ...take }), build);
  const fhirRecordsOf = (resourceType: string) =>
    records(db, scope, { resourceType }, isFhirRecord);
  switch (type) {
    case 'Patient':
      return mapped(
        (after) => db.patient.findMany({ where: synced(scope, after), ...take }),
        patientToFhir,
      );
    case 'Practitioner':
      return mapped(
        (after) => db.doctor.findMany({ where: synced(scope, after), ...take }),
        practitionerToFhir,
      );
    case 'Organization':
    case 'Location':
      return places(db, scope, type);
    case 'Appointment':
      return appointments(appointmentToFhir);
    case 'Condition':
      return concat(appointments(appointmentDiagnosisToFhir), fhirRecordsOf('Condition'));
    case 'MedicationRequest':
      return concat(
        appointments(appointmentPrescriptionToFhir),
        fhirRecordsOf('MedicationRequest'),
      );
    case 'Observation':
      return fhirRecordsOf('Observation');
    case 'Basic':
      return records(db, scope, {}, (row) => !isFhirRecord(row));
  }
}

async function* concat<T>(...sources: AsyncGenerator<T>[]): AsyncGenerator<T> {
  for (const source of sources) yield* source;
}
