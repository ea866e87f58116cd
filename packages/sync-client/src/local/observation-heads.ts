import type { HealthRecord } from '@healthsync/contracts';
import { overridingTx } from '../store/sync-store';
import type { ReadTx, SyncStore, WriteTx } from '../store/sync-store';
import type { LocalRow } from './local-row';
import { visibleView } from './local-row';

/**
 * "Each patient's newest Observation of each vital" without reading every Observation: the
 * `observationHeads` table holds, per patient, the newest record id(s) of each code set and when
 * they were taken. Sealed like every table, only the patient id in the clear (its key); the sealed
 * store holds it decrypted in memory, as it does patients.
 *
 * Kept in two halves. Writes only ever add: a journal around every write of the client
 * (`observationHeadsStore`) notes the Observations the transaction put and, before it commits,
 * lets each one replace or join its group's heads when it is as new or newer. Reads check what
 * they get: a head that is gone, hidden, moved to another patient or whose time or codes changed
 * means its patient's heads are recomputed from all their records (`patient` index), in a write,
 * before they are used. Without the meta flag `observationHeads` (a store from before the table,
 * or after a resync) the first read fills the table from every record.
 */
export interface ObservationHeads {
  patient: string;
  /** By code set: when the newest of the group was taken (null: unreadable) and which records. */
  groups: Record<string, { at: number | null; ids: string[] }>;
}

type RecordRow = LocalRow<HealthRecord>;
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** When an Observation was taken: its effectiveDateTime, else when the record was made (ms); unreadable: oldest. */
export function observationTime(record: Pick<HealthRecord, 'data' | 'created_at'>): number {
  const effective = record.data.effectiveDateTime;
  const at = Date.parse(typeof effective === 'string' ? effective : record.created_at);
  return Number.isNaN(at) ? -Infinity : at;
}

/** The Observation's code set (`code.coding[].code`, as a reader of vitals sees it), as one key. */
function codeSetOf(data: Json): string {
  const coding = isObject(data.code) && Array.isArray(data.code.coding) ? data.code.coding : [];
  const codes = coding
    .filter(isObject)
    .map((c) => c.code)
    .filter((code): code is string => typeof code === 'string');
  return [...new Set(codes)].sort().join(' ');
}

/** A visible Observation's patient, group and time; null for anything else. */
function placeOf(row: RecordRow | undefined) {
  const view = row && visibleView(row);
  if (!view || view.resource_type !== 'Observation') return null;
  const at = observationTime(view);
  return {
    patient: view.patient,
    group: codeSetOf(view.data),
    at: Number.isFinite(at) ? at : null,
  };
}

const older = (a: number | null, b: number | null) => (a ?? -Infinity) < (b ?? -Infinity);

/** Lets `row` replace or join its group's heads; true when `heads` changed. */
function offer(heads: ObservationHeads, row: RecordRow): boolean {
  const place = placeOf(row);
  if (!place || place.patient !== heads.patient) return false;
  const seen = heads.groups[place.group];
  if (!seen || older(seen.at, place.at)) {
    heads.groups[place.group] = { at: place.at, ids: [row.id] };
    return true;
  }
  if (seen.at !== place.at || seen.ids.includes(row.id)) return false;
  seen.ids.push(row.id);
  return true;
}

async function save(tx: WriteTx, heads: ObservationHeads): Promise<void> {
  if (Object.keys(heads.groups).length > 0) await tx.put('observationHeads', heads);
  else await tx.delete('observationHeads', heads.patient);
}

/** Recomputes some patients' heads from all their records. */
async function recompute(tx: WriteTx, patients: Iterable<string>): Promise<void> {
  for (const patient of patients) {
    const rows = await tx.getByIndex('records', 'patient', { equals: patient });
    await save(tx, headsOf(rows).get(patient) ?? { patient, groups: {} });
  }
}

/** Every patient's heads among `rows`, computed afresh. */
export function headsOf(rows: Iterable<RecordRow>): Map<string, ObservationHeads> {
  const byPatient = new Map<string, ObservationHeads>();
  for (const row of rows) {
    const patient = placeOf(row)?.patient;
    if (!patient) continue;
    let heads = byPatient.get(patient);
    if (!heads) byPatient.set(patient, (heads = { patient, groups: {} }));
    offer(heads, row);
  }
  return byPatient;
}

/** Fills the table afresh from every record and sets the flag: an old store, or a resync. */
export async function rebuildObservationHeads(tx: WriteTx): Promise<void> {
  await tx.clear('observationHeads');
  for (const heads of headsOf(await tx.getAll('records')).values())
    await tx.put('observationHeads', heads);
  await tx.setMeta('observationHeads', true);
}

/** The Observations a transaction put, by patient. */
type Journal = Map<string, Set<string>>;

/** Offers the journal's rows to their patients' heads, in `tx` before it commits. */
async function settle(tx: WriteTx, journal: Journal): Promise<void> {
  if (journal.size === 0 || (await tx.getMeta('observationHeads')) !== true) return;
  // Started together: the sealed store reads a batch of gets in one transaction.
  await Promise.all(
    [...journal].map(async ([patient, ids]) => {
      const heads = (await tx.get('observationHeads', patient)) ?? { patient, groups: {} };
      let changed = false;
      for (const id of ids) {
        const row = await tx.get('records', id);
        if (row && offer(heads, row)) changed = true;
      }
      if (changed) await save(tx, heads);
    }),
  );
}

function journaled(tx: WriteTx, journal: Journal): WriteTx {
  return overridingTx(tx, {
    async put(table, row) {
      const { idx, id } = row as RecordRow;
      if (table === 'records' && idx.type === 'Observation' && idx.patient) {
        const ids = journal.get(idx.patient) ?? new Set();
        journal.set(idx.patient, ids.add(id));
      }
      await tx.put(table, row);
    },
  });
}

/** `store` with the heads kept by every write (see above). */
export function observationHeadsStore(inner: SyncStore): SyncStore {
  return {
    read: (fn) => inner.read(fn),
    write: (fn) =>
      inner.write(async (tx) => {
        const journal: Journal = new Map();
        const result = await fn(journaled(tx, journal));
        await settle(tx, journal);
        return result;
      }),
    close: () => inner.close(),
  };
}

/** The heads' records (by id), and the patients whose heads no longer match their records. */
async function readHeads(tx: ReadTx, patients?: readonly string[]) {
  const all = patients
    ? await Promise.all(patients.map((p) => tx.get('observationHeads', p)))
    : await tx.getAll('observationHeads');
  const rows: RecordRow[] = [];
  const stale = new Set<string>();
  // Started together: the sealed store reads a batch of gets in one transaction.
  await Promise.all(
    all.map(async (heads) => {
      if (!heads) return;
      const groups = Object.entries(heads.groups);
      const found = await Promise.all(
        groups.map(([, { ids }]) => Promise.all(ids.map((id) => tx.get('records', id)))),
      );
      const fresh = groups.every(([group, { at }], i) =>
        found[i]!.every((row) => {
          const place = placeOf(row);
          return place?.patient === heads.patient && place.group === group && place.at === at;
        }),
      );
      if (fresh) rows.push(...(found.flat() as RecordRow[]));
      else stale.add(heads.patient);
    }),
  );
  return { rows, stale };
}

const byId = (a: RecordRow, b: RecordRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Each patient's newest Observation(s) per code set: every one of a tie. A reader grouping by
 * anything the code set decides (a vital's kind) finds the newest of each group among them.
 */
export async function readLatestObservations(store: SyncStore): Promise<RecordRow[]> {
  if ((await store.read((tx) => tx.getMeta('observationHeads'))) !== true)
    await store.write(async (tx) => {
      if ((await tx.getMeta('observationHeads')) !== true) await rebuildObservationHeads(tx);
    });
  const { rows, stale } = await store.read((tx) => readHeads(tx));
  if (stale.size > 0) {
    const patients = [...stale];
    await store.write((tx) => recompute(tx, patients));
    rows.push(...(await store.read((tx) => readHeads(tx, patients))).rows);
  }
  // In id order, as the type index gives them: a reader keeping the first of a tie keeps the same.
  return rows.sort(byId);
}
