// Download pages in the wire format of GET /api/sync/download/ (packages/contracts DownloadResponse;
// rows shaped like apps/api's *-to-wire.ts), built from the seeded dataset, so the browser workload
// can feed sync-client through a fetch stub and time IndexedDB rather than the network.
import {
  DownloadResponse,
  Patient,
  Appointment,
  HealthRecord,
  formatMicros,
  formatCursor,
  INITIAL_CURSOR,
} from '@healthsync/contracts';

const T0 = 1_764_000_000_000_000n; // µs, late 2025: the stamps of the rows, one apart

function sync(id, stamp) {
  return {
    id,
    server_version: 1,
    created_at: formatMicros((stamp / 1000n) * 1000n),
    updated_at: formatMicros(stamp),
    last_synced_at: null,
    deleted: false,
  };
}

const toWire = {
  Patient: (p, stamp) => ({
    ...sync(p.id, stamp),
    owner: p.owner,
    name: p.name,
    dob: p.dob,
    gender: p.gender,
    phone_number: p.phone_number,
    address: p.address,
    identifiers: p.identifiers,
    fhir: null,
    facility_id: p.facility_id,
  }),
  Appointment: (a, stamp) => ({
    ...sync(a.id, stamp),
    patient_id: a.patient_id,
    doctor_id: a.doctor_id,
    appointment_date: formatMicros(BigInt(Date.parse(a.appointment_date)) * 1000n),
    status: a.status,
    symptoms: a.symptoms,
    diagnosis: a.diagnosis,
    prescription: a.prescription,
    facility_id: a.facility_id,
  }),
  Observation: (o, stamp) => ({
    ...sync(o.id, stamp),
    patient: o.patient,
    resource_type: o.resource_type,
    data: o.data,
    facility_id: o.facility_id,
  }),
};
const SCHEMA = { Patient, Appointment, Observation: HealthRecord };

/**
 * `rows`: [resourceType, datasetRow] in feed order. Returns the page texts and, for each, the
 * `since` the client sends for it (the previous page's next_cursor).
 */
export function wirePages(rows, pageSize) {
  const pages = [];
  const sinces = [];
  let since = INITIAL_CURSOR;
  const last = T0 + BigInt(rows.length);
  for (let start = 0; start < rows.length || start === 0; start += pageSize) {
    const slice = rows.slice(start, start + pageSize);
    const changes = slice.map(([type, row], i) => {
      const stamp = T0 + BigInt(start + i + 1);
      return {
        server_id: row.id,
        resource_type: type,
        data: toWire[type](row, stamp),
        server_version: 1,
        updated_at: formatMicros(stamp),
        deleted: false,
      };
    });
    const hasMore = start + pageSize < rows.length;
    const page = {
      changes,
      server_time: formatMicros(last),
      has_more: hasMore,
      next_cursor: hasMore
        ? formatCursor(T0 + BigInt(start + slice.length), true)
        : formatMicros(last),
    };
    if (pages.length % 40 === 0) {
      // spot check against the contracts (the browser side also counts rows sync-client finds invalid)
      DownloadResponse.parse(page);
      for (const c of changes) SCHEMA[c.resource_type].parse(c.data);
    }
    pages.push(JSON.stringify(page));
    sinces.push(since);
    since = page.next_cursor;
    if (!rows.length) break;
  }
  return { pages, sinces };
}
