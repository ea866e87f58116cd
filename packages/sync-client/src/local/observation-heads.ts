import type { HealthRecord } from '@healthsync/contracts';
import type { SyncStore, WriteTx } from '../store/sync-store';
import type { LocalRow } from './local-row';
import { visibleView } from './local-row';

/**
 * The `latest` index of records: per patient and code set, the newest Observation(s) carry
 * `idx.latest` = the patient id, so "each patient's latest reading of each vital" reads those rows
 * (a few per patient) instead of every Observation ever stored. The index value is the patient id
 * (already in the clear in the `patient` index); the codes and values stay inside the sealed row.
 *
 * Kept by a journal around every write of the client (`observationHeadsStore`): the transaction's
 * record puts and deletes are noted, and before it commits each touched patient's marks are
 * settled in the same transaction. Until the meta flag `observationHeads` is set (a store from
 * before the index, or after a resync), nothing is kept: the first read rebuilds the whole index.
 */

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
  return [...new Set(codes)].sort().join('\u0000');
}

/**
 * The ids of the newest visible Observations per patient and code set (every one of a tie). A
 * reader that groups by anything decided by the code set (a vital's kind) finds the newest of each
 * group among them.
 */
export function latestObservationIds(rows: readonly RecordRow[]): Set<string> {
  const newest = new Map<string, { at: number; ids: string[] }>();
  for (const row of rows) {
    const view = visibleView(row);
    if (!view || view.resource_type !== 'Observation') continue;
    const key = `${view.patient}\u0001${codeSetOf(view.data)}`;
    const at = observationTime(view);
    const seen = newest.get(key);
    if (!seen || at > seen.at) newest.set(key, { at, ids: [row.id] });
    else if (at === seen.at) seen.ids.push(row.id);
  }
  return new Set([...newest.values()].flatMap((group) => group.ids));
}

/** Sets or clears each row's mark as `heads` says (unchanged rows are not written). */
async function mark(tx: WriteTx, rows: Iterable<RecordRow>, heads: Set<string>): Promise<void> {
  for (const row of rows) {
    const want = heads.has(row.id) ? visibleView(row)?.patient : undefined;
    if (row.idx.latest === want) continue;
    const idx = { ...row.idx };
    if (want === undefined) delete idx.latest;
    else idx.latest = want;
    await tx.put('records', { ...row, idx });
  }
}

/** Marks every record afresh and sets the flag: a store from before the index, or a resync. */
export async function rebuildObservationHeads(tx: WriteTx): Promise<void> {
  const rows = await tx.getAll('records');
  await mark(tx, rows, latestObservationIds(rows));
  await tx.setMeta('observationHeads', true);
}

interface Touched {
  /** A marked row changed or went: the patient's marks are recomputed from all their records. */
  full: boolean;
  /** Observations written (new or not marked before): candidates beside the current marks. */
  ids: Set<string>;
}

class Journal {
  readonly patients = new Map<string, Touched>();

  touch(patient: string, id: string | null, full: boolean): void {
    let touched = this.patients.get(patient);
    if (!touched) this.patients.set(patient, (touched = { full: false, ids: new Set() }));
    touched.full ||= full;
    if (id) touched.ids.add(id);
  }

  put(row: RecordRow): void {
    const { patient, latest, type } = row.idx;
    if (latest !== undefined) {
      this.touch(latest, row.id, true);
      if (patient) this.touch(patient, row.id, true);
    } else if (patient && type === 'Observation') this.touch(patient, row.id, false);
  }
}

async function settlePatient(tx: WriteTx, patient: string, touched: Touched): Promise<void> {
  const candidates = new Map<string, RecordRow>();
  for (const row of await tx.getByIndex('records', 'latest', { equals: patient }))
    candidates.set(row.id, row);
  if (touched.full) {
    for (const row of await tx.getByIndex('records', 'patient', { equals: patient }))
      candidates.set(row.id, row);
  } else {
    for (const id of touched.ids) {
      const row = await tx.get('records', id);
      if (row) candidates.set(id, row);
    }
  }
  const own = [...candidates.values()].filter((row) => visibleView(row)?.patient === patient);
  await mark(tx, candidates.values(), latestObservationIds(own));
}

/** Settles the journal's patients in `tx` (the raw transaction: its own writes are not journaled). */
async function settle(tx: WriteTx, journal: Journal): Promise<void> {
  if (journal.patients.size === 0 || (await tx.getMeta('observationHeads')) !== true) return;
  const touched = [...journal.patients];
  // Patients' rows are disjoint, except a record moved to another patient: those run one by one.
  await Promise.all(
    touched.filter(([, t]) => !t.full).map(([patient, t]) => settlePatient(tx, patient, t)),
  );
  for (const [patient, t] of touched) if (t.full) await settlePatient(tx, patient, t);
}

const RAW = Symbol('raw transaction');
type JournaledTx = WriteTx & { [RAW]: WriteTx };

/** The transaction under the journal (writes through it are not journaled). */
export function rawTx(tx: WriteTx): WriteTx {
  return (tx as Partial<JournaledTx>)[RAW] ?? tx;
}

function journaled(tx: WriteTx, journal: Journal): JournaledTx {
  return {
    [RAW]: tx,
    get: (table, key) => tx.get(table, key),
    getAll: (table) => tx.getAll(table),
    getByIndex: (table, index, query) => tx.getByIndex(table, index, query),
    count: (table) => tx.count(table),
    getMeta: (key) => tx.getMeta(key),
    clear: (table) => tx.clear(table),
    setMeta: (key, value) => tx.setMeta(key, value),
    async put(table, row) {
      if (table === 'records') journal.put(row as RecordRow);
      await tx.put(table, row);
    },
    async delete(table, key) {
      if (table === 'records') {
        const gone = await tx.get('records', key);
        if (gone?.idx.latest !== undefined) journal.touch(gone.idx.latest, null, true);
      }
      await tx.delete(table, key);
    },
  };
}

/** `store` with the `latest` index kept by every write (see above). */
export function observationHeadsStore(store: SyncStore): SyncStore {
  return {
    read: (fn) => store.read(fn),
    write: (fn) =>
      store.write(async (tx) => {
        const journal = new Journal();
        const result = await fn(journaled(tx, journal));
        await settle(tx, journal);
        return result;
      }),
    close: () => store.close(),
  };
}

/** Each patient's newest Observation(s) per code set; rebuilds the index first if it is not kept. */
export async function readLatestObservations(store: SyncStore): Promise<RecordRow[]> {
  if ((await store.read((tx) => tx.getMeta('observationHeads'))) !== true)
    await store.write(async (tx) => {
      if ((await tx.getMeta('observationHeads')) !== true) await rebuildObservationHeads(rawTx(tx));
    });
  return store.read((tx) => tx.getByIndex('records', 'latest', { from: '', to: '\uffff' }));
}
