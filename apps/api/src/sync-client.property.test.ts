// Issue 4: @healthsync/sync-client against the real API, under network faults and restarts.
//
// Several devices (worker, doctor, optionally a second worker phone and two pharmacist phones)
// make random offline edits of the same rows while the network between them and the in-process
// server loses requests and answers, answers 500, times out, duplicates and reorders deliveries,
// and devices restart on their persisted stores. Then the network heals and everyone syncs until
// nothing moves. Asserted after that, and again after each device resolved its open conflicts at
// random (reapply / discard / leave open) and everyone synced again:
//   - convergence: every device shows exactly what a fresh device of the same role downloads;
//   - no lost edit: every device's last value of every field it edited is in the server's audit
//     trail (it was applied) or in a conflict stored on that device; every delete it made is on
//     the server or in a stored conflict;
//   - no duplicate: each created row exists at most once on the server (counted by a marker
//     field), and exactly once unless its create is in a stored conflict (rejected);
//   - the outbox is empty: pendingCount 0, failedCount 0, no error, safeToWipe unless an open
//     `rejected` conflict remains.
// One app + database for the whole file; each run starts from the demo data (rows made by earlier
// runs are removed) with fresh devices. Clocks are manual: timeouts fire by advancing them, no
// real waiting. FC_SEED / FC_PATH / FC_RUNS replay or scale a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HealthSyncError,
  ManualClock,
  MemoryBackend,
  createSyncClient,
  manualSignals,
  memoryTokenStore,
  openMemoryStore,
} from '@healthsync/sync-client';
import type { EntityTable, SyncClient, SyncStore } from '@healthsync/sync-client';
import type { TokenPair } from '@healthsync/contracts';
import { FAULTS, FaultNetwork } from './test/fault-fetch';
import type { Fault } from './test/fault-fetch';
import { purgeTombstones } from './modules/sync/purge-tombstones';
import { createTestApp, type TestApp } from './test/test-app';
import { propertySettings } from './test/property-settings';
import { replicaRun } from './test/replica';
import { testDatabaseKind } from './test/test-database';

// In the `replica` project (pulls through a streaming replica) fewer runs: what it checks is that
// the invariants hold through the replica, the fuzzing depth comes from the PGlite runs.
const SETTINGS = propertySettings(replicaRun ? 20 : 200);
const TIMEOUT_MS = 30_000;
/** Real time one run may take before it counts as hung (a run takes about a second). */
const RUN_DEADLINE_MS = SETTINGS.deadlineMs;
/**
 * Runs include a step where the server purges every tombstone (older cursors then get 410
 * RESYNC_REQUIRED and devices re-download); FC_PURGE=0 leaves it out. Pages of a first sync carry
 * a marked cursor (contracts `formatCursor`), so a re-download in pages is never refused itself.
 */

type Role = 'worker' | 'doctor' | 'pharmacist';
type EditTable = 'patients' | 'appointments' | 'records' | 'inventory';

/** The one field each table's updates set, to a value unique in the whole file. */
const INTENT_FIELD: Record<EditTable, string> = {
  patients: 'address',
  appointments: 'diagnosis',
  records: 'note',
  inventory: 'quantity_available',
};

interface Intent {
  table: EditTable;
  /** This device created the row (marker: the patient's name, appointment's symptoms, record's data.marker). */
  marker: string | null;
  /** The create never left the device (created, then deleted before it was sent). */
  cancelled: boolean;
  deleted: boolean;
  /** Last value this device gave the intent field. */
  value: string | number | null;
}

interface Device {
  name: string;
  role: Role;
  backend: MemoryBackend;
  clock: ManualClock;
  fetch: ReturnType<FaultNetwork['fetchFor']>;
  store: SyncStore;
  client: SyncClient;
  syncs: Promise<unknown>[];
  intents: Map<string, Intent>;
  pageSize: number;
  batchSize: number;
}

type Edit = { table: EditTable; op: 'create' | 'update' | 'delete'; pick: number };
type Step =
  | { kind: 'edit'; device: number; edit: Edit }
  | { kind: 'sync'; device: number }
  | { kind: 'settle' }
  | { kind: 'restart'; device: number; deliverHeld: boolean }
  /** The server purges every tombstone: devices whose cursor is older get 410 RESYNC_REQUIRED. */
  | { kind: 'purge' };
type Resolution = 'leave' | 'reapply' | 'discard';

interface Scenario {
  secondWorker: boolean;
  pharmacists: boolean;
  setupPatients: number;
  faults: Fault[][];
  pageSizes: number[];
  batchSizes: number[];
  steps: Step[];
  resolutions: Resolution[];
}

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Fault>('ok') },
  ...FAULTS.filter((f) => f !== 'ok').map((f) => ({ weight: 1, arbitrary: fc.constant(f) })),
);

const editArb: fc.Arbitrary<Edit> = fc.record({
  table: fc.constantFrom<EditTable>('patients', 'appointments', 'records', 'inventory'),
  op: fc.constantFrom<Edit['op']>('create', 'update', 'update', 'delete'),
  pick: fc.nat(50),
});

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('edit'), device: fc.nat(9), edit: editArb }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync'), device: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle') }) },
  // Off by default: a purge makes every later paged full download fail (see propertySettings' purge above).
  ...(SETTINGS.purge ? [{ weight: 1, arbitrary: fc.record({ kind: fc.constant('purge') }) }] : []),
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('restart'),
      device: fc.nat(9),
      deliverHeld: fc.boolean(),
    }),
  },
) as fc.Arbitrary<Step>;

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  secondWorker: fc.boolean(),
  pharmacists: fc.boolean(),
  setupPatients: fc.integer({ min: 1, max: 2 }),
  faults: fc.array(fc.array(faultArb, { maxLength: 14 }), { minLength: 5, maxLength: 5 }),
  pageSizes: fc.array(fc.constantFrom(4, 500), { minLength: 5, maxLength: 5 }),
  batchSizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 5, maxLength: 5 }),
  steps: fc.array(stepArb, { minLength: 4, maxLength: 24 }),
  resolutions: fc.array(fc.constantFrom<Resolution>('leave', 'reapply', 'discard'), {
    maxLength: 12,
  }),
});

let t: TestApp;
const tokens = new Map<Role, TokenPair>();
const identities = new Map<Role, { userId: string; facilityId: string }>();
let pharmacyItems: string[] = [];
let demoIds: { patients: string[]; appointments: string[]; records: string[] };
let unique = 1_000;
let runNumber = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['worker', 'doctor', 'pharmacist'] as const) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/token/',
      payload: { username: role, password: `${role}-demo` },
    });
    tokens.set(role, response.json<TokenPair>());
    const user = await t.database.prisma.user.findUniqueOrThrow({ where: { username: role } });
    identities.set(role, { userId: user.id, facilityId: user.facilityId });
    if (role === 'pharmacist' && user.pharmacyId) {
      const items = await t.database.prisma.inventoryItem.findMany({
        where: { pharmacyId: user.pharmacyId, deleted: false },
        select: { id: true },
      });
      pharmacyItems = items.map((i) => i.id);
    }
  }
  const { prisma } = t.database;
  demoIds = {
    patients: (await prisma.patient.findMany({ select: { id: true } })).map((r) => r.id),
    appointments: (await prisma.appointment.findMany({ select: { id: true } })).map((r) => r.id),
    records: (await prisma.healthRecord.findMany({ select: { id: true } })).map((r) => r.id),
  };
});
afterAll(() => t?.close());

/** Back to the demo data: rows made by earlier runs go (hard delete; no device of theirs is left). */
async function resetServer(): Promise<void> {
  const { prisma } = t.database;
  await prisma.healthRecord.deleteMany({ where: { id: { notIn: demoIds.records } } });
  await prisma.appointment.deleteMany({ where: { id: { notIn: demoIds.appointments } } });
  await prisma.patient.deleteMany({ where: { id: { notIn: demoIds.patients } } });
}

/** Resolves when `promise` does, releasing held-back requests meanwhile (nothing waits forever). */
async function drain(net: FaultNetwork, promise: Promise<unknown>, device?: string): Promise<void> {
  let done = false;
  const finished = promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  while (!done) {
    await net.releaseHeld(device);
    await Promise.race([finished, net.nextHold(device)]);
  }
}

async function openClient(net: FaultNetwork, device: Device): Promise<void> {
  device.store = await openMemoryStore({ backend: device.backend });
  device.client = await createSyncClient({
    store: device.store,
    baseUrl: '',
    tokens: memoryTokenStore(tokens.get(device.role)!),
    fetch: device.fetch,
    identity: () => identities.get(device.role)!,
    clock: device.clock,
    signals: manualSignals(true),
    requestTimeoutMs: TIMEOUT_MS,
    pageSize: device.pageSize,
    // The manual clock shows pages as instant, so later pages grow straight to this size.
    maxPageSize: device.pageSize * 3,
    batchSize: device.batchSize,
  });
  void net;
}

async function newDevice(
  net: FaultNetwork,
  name: string,
  role: Role,
  faults: Fault[],
  pageSize: number,
  batchSize: number,
): Promise<Device> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const device = {
    name,
    role,
    backend: new MemoryBackend(),
    clock,
    fetch: net.fetchFor(name, faults, clock, TIMEOUT_MS),
    syncs: [],
    intents: new Map(),
    pageSize,
    batchSize,
  } as unknown as Device;
  await openClient(net, device);
  return device;
}

const nextValue = (table: EditTable, run: number) =>
  table === 'inventory' ? ++unique : `run ${run} value ${++unique}`;

function intentOf(device: Device, id: string, table: EditTable): Intent {
  let intent = device.intents.get(id);
  if (!intent) {
    intent = { table, marker: null, cancelled: false, deleted: false, value: null };
    device.intents.set(id, intent);
  }
  return intent;
}

/** Rows of the run this device shows, in a stable order. */
async function visible(device: Device, table: EditTable, runRows: Map<string, EditTable>) {
  if (table === 'inventory') {
    const rows = await Promise.all(pharmacyItems.map((id) => device.client.inventory.get(id)));
    return pharmacyItems.filter((_, i) => rows[i]);
  }
  const ids = [...runRows].filter(([, tbl]) => tbl === table).map(([id]) => id);
  const rows = await Promise.all(ids.map((id) => device.client[table].get(id)));
  return ids.filter((_, i) => rows[i]);
}

async function applyEdit(
  device: Device,
  edit: Edit,
  run: number,
  runRows: Map<string, EditTable>,
): Promise<void> {
  const { client } = device;
  const table = edit.table;
  const op = table === 'inventory' ? 'update' : edit.op;
  if (op === 'create') {
    const marker = `run ${run} ${table} ${++unique}`;
    const value = nextValue(table, run) as string;
    let id: string;
    if (table === 'patients') {
      id = (await client.patients.create({ name: marker, address: value })).id;
    } else {
      const patients = await visible(device, 'patients', runRows);
      const patient = patients[edit.pick % Math.max(1, patients.length)];
      if (!patient) return;
      if (table === 'appointments') {
        id = (
          await client.appointments.create({
            patient_id: patient,
            appointment_date: '2026-03-01T10:00:00.000Z',
            symptoms: marker,
            diagnosis: value,
          })
        ).id;
      } else {
        id = (
          await client.records.create({
            patient,
            resource_type: 'Observation',
            data: { marker, note: value },
          })
        ).id;
      }
    }
    runRows.set(id, table);
    device.intents.set(id, { table, marker, cancelled: false, deleted: false, value });
    return;
  }
  const candidates = await visible(device, table, runRows);
  const id = candidates[edit.pick % Math.max(1, candidates.length)];
  if (!id) return;
  try {
    if (op === 'delete') {
      if (table === 'patients') await client.patients.remove(id);
      else if (table === 'appointments') await client.appointments.remove(id);
      else if (table === 'records') await client.records.remove(id);
      const intent = intentOf(device, id, table);
      intent.deleted = true;
      // A create the server never saw, then deleted: nothing was ever sent.
      const kept = await device.store.read((tx) => tx.get(table as EntityTable, id));
      if (!kept && intent.marker) intent.cancelled = true;
      return;
    }
    const value = nextValue(table, run);
    if (table === 'patients') await client.patients.update(id, { address: value as string });
    else if (table === 'appointments')
      await client.appointments.update(id, { diagnosis: value as string });
    else if (table === 'records') await client.records.update(id, { note: value });
    else await client.inventory.update(id, { quantity_available: value as number });
    intentOf(device, id, table).value = value;
  } catch (error) {
    // A pull running in the background removed the row between the pick and the edit.
    if (error instanceof HealthSyncError && error.code === 'NOT_FOUND') return;
    throw error;
  }
}

async function restart(net: FaultNetwork, device: Device, deliverHeld: boolean): Promise<void> {
  await net.killDevice(device.name, deliverHeld);
  const closing = device.client.close();
  // The dying client may still send (a cycle queued behind the killed one): kill that too.
  let done = false;
  void closing.finally(() => {
    done = true;
  });
  while (!done) {
    await Promise.race([closing, net.nextHold(device.name)]);
    await net.killDevice(device.name, deliverHeld);
  }
  await closing;
  device.syncs = [];
  await openClient(net, device);
}

async function settle(net: FaultNetwork, devices: Device[]): Promise<void> {
  const all = devices.flatMap((d) => d.syncs);
  for (const d of devices) d.syncs = [];
  await drain(net, Promise.all(all));
}

/** Everyone syncs, round after round, until a round uploads nothing (so everyone pulled it all). */
async function quiesce(net: FaultNetwork, devices: Device[]): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const before = net.log.filter((l) => l.method === 'POST').length;
    for (const device of devices) await device.client.syncNow();
    const posts = net.log.filter((l) => l.method === 'POST').length - before;
    if (posts === 0) return;
  }
  throw new Error('the devices never stopped uploading');
}

type Comparable = Record<string, unknown>;
const CLINICAL_TABLES = [
  'patients',
  'appointments',
  'records',
  'inventory',
  'doctors',
  'pharmacies',
  'medicines',
] as const;
const PHARMACY_TABLES = ['inventory', 'pharmacies', 'medicines'] as const;

async function snapshot(client: SyncClient, tables: readonly EntityTable[]) {
  const out: Record<string, Comparable[]> = {};
  for (const table of tables) {
    const rows = (await client[table].list()) as unknown as Comparable[];
    out[table] = rows
      .map(({ _sync, ...row }): Comparable => {
        const sync = _sync as { pending: boolean; serverVersion: number };
        return { ...row, _sync: { pending: sync.pending, serverVersion: sync.serverVersion } };
      })
      .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  }
  return out;
}

/** What the server holds of this run's rows (after the reset, every non-demo row is this run's). */
type PurgedRow = { id: string; marker: unknown; deleted: true };

/** Purges every tombstone now, remembering this run's purged rows (for the assertions). */
async function purgeAll(purged: PurgedRow[]): Promise<void> {
  const before = await serverState([], []);
  await purgeTombstones(t.database.prisma, new Date(Date.now() + 60_000));
  const after = await serverState([], []);
  for (const [id, row] of before.byId) {
    if (!after.byId.has(id)) purged.push({ id, marker: row.marker, deleted: true });
  }
}

async function serverState(ids: string[], purged: PurgedRow[]) {
  const { prisma } = t.database;
  const notDemo = (demo: string[]) => ({ where: { id: { notIn: demo } } });
  const rows = [
    ...(await prisma.patient.findMany(notDemo(demoIds.patients))).map((r) => ({
      id: r.id,
      marker: r.name,
      deleted: r.deleted,
    })),
    ...(await prisma.appointment.findMany(notDemo(demoIds.appointments))).map((r) => ({
      id: r.id,
      marker: r.symptoms,
      deleted: r.deleted,
    })),
    ...(await prisma.healthRecord.findMany(notDemo(demoIds.records))).map((r) => ({
      id: r.id,
      marker: (r.data as Comparable | null)?.marker,
      deleted: r.deleted,
    })),
    ...(await prisma.inventoryItem.findMany({ where: { id: { in: pharmacyItems } } })).map((r) => ({
      id: r.id,
      marker: null,
      deleted: r.deleted,
    })),
    ...purged,
  ];
  const audit = await prisma.auditLog.findMany({
    where: { entityId: { in: ids } },
    select: { entityId: true, after: true },
  });
  return {
    byId: new Map(rows.map((r) => [r.id, r])),
    markerCount: (marker: string) => rows.filter((r) => r.marker === marker).length,
    afters: (id: string) =>
      audit.filter((a) => a.entityId === id).map((a) => a.after as Comparable | null),
  };
}

async function verify(
  devices: Device[],
  observers: Map<Role, Device>,
  purged: PurgedRow[],
  phase: string,
): Promise<void> {
  const expected = new Map<Role, Record<string, Comparable[]>>();
  for (const [role, observer] of observers) {
    const tables = role === 'pharmacist' ? PHARMACY_TABLES : CLINICAL_TABLES;
    expected.set(role, await snapshot(observer.client, tables));
  }
  const ids = [...new Set(devices.flatMap((d) => [...d.intents.keys()]))];
  const server = await serverState(ids, purged);
  for (const device of devices) {
    const status = device.client.status.getSnapshot();
    const conflicts = await device.client.listConflicts();
    const openRejected = conflicts.some((c) => c.status === 'open' && c.kind === 'rejected');
    expect(
      {
        pendingCount: status.pendingCount,
        failedCount: status.failedCount,
        lastError: status.lastError,
        safeToWipe: status.safeToWipe,
      },
      `${phase}: ${device.name}'s outbox`,
    ).toEqual({ pendingCount: 0, failedCount: 0, lastError: null, safeToWipe: !openRejected });

    // Convergence: what this device shows is what a fresh device of the same role downloads.
    const role = device.role === 'pharmacist' ? 'pharmacist' : 'worker';
    const tables = role === 'pharmacist' ? PHARMACY_TABLES : CLINICAL_TABLES;
    expect(await snapshot(device.client, tables), `${phase}: ${device.name} converged`).toEqual(
      expected.get(role),
    );

    // No lost edit, no duplicate.
    for (const [id, intent] of device.intents) {
      const what = `${phase}: ${device.name}'s edits of ${intent.table} ${id}`;
      const mine = conflicts.filter((c) => c.rowId === id);
      if (intent.marker) {
        const count = server.markerCount(intent.marker);
        const createRefused = mine.some((c) => c.operation === 'create');
        expect(count, `${what}: created at most once`).toBeLessThanOrEqual(1);
        if (intent.cancelled) expect(count, `${what}: a cancelled create is never sent`).toBe(0);
        // Created, then deleted on the device: if the server refused the create, the delete
        // folded into it and nothing is left to keep (no row is what the user wanted).
        else if (!createRefused && !(intent.deleted && count === 0))
          expect(count, `${what}: created once`).toBe(1);
        if (count === 1)
          expect(server.byId.get(id)?.marker, `${what}: the device's id`).toBe(intent.marker);
      }
      if (intent.cancelled) continue;
      if (intent.deleted) {
        const inConflict = mine.some((c) => c.operation === 'delete' || c.operation === 'create');
        const onServer = server.byId.get(id);
        const neverCreated = onServer === undefined && intent.marker !== null;
        expect(
          onServer?.deleted === true || neverCreated || inConflict,
          `${what}: delete applied (or its create never applied) or in a conflict`,
        ).toBe(true);
        continue;
      }
      if (intent.value === null) continue;
      const field = INTENT_FIELD[intent.table];
      const applied = server.afters(id).some((after) => {
        const holder = intent.table === 'records' ? (after?.data as Comparable | undefined) : after;
        return holder?.[field] === intent.value;
      });
      const stored = mine.some((c) => c.mine[field] === intent.value);
      expect(
        applied || stored,
        `${what}: ${field} = ${String(intent.value)} applied or in a conflict`,
      ).toBe(true);
    }
  }
}

/** Where the current run is, for the report of a run that hangs. */
let progress = '';
let currentNet: FaultNetwork | null = null;
let currentDevices: Device[] = [];

/** Each device's engine state, for the report of a hung run. */
function deviceStates(): string {
  return currentDevices
    .map((d) => {
      const s = d.client.status.getSnapshot();
      return `${d.name}: phase ${s.phase}, pending ${s.pendingCount}, error ${s.lastError?.message ?? '-'}, timers ${d.clock.timers.size}, syncs ${d.syncs.length}`;
    })
    .join('\n');
}

/** A run that never settles (a lost wake-up, a lock never released) fails with its seed, not the suite's timeout. */
async function runWithDeadline(scenario: Scenario): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const log = (currentNet?.log ?? [])
        .slice(-40)
        .map((l) => `${l.device} ${l.fault} ${l.method} ${l.path} → ${l.status ?? '-'}`)
        .join('\n');
      reject(
        new Error(
          `run hung for ${RUN_DEADLINE_MS / 1000} s at: ${progress}\nheld: ${currentNet?.heldCount ?? 0}\n${deviceStates()}\n${log}`,
        ),
      );
    }, RUN_DEADLINE_MS);
  });
  try {
    await Promise.race([runScenario(scenario), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function runScenario(scenario: Scenario): Promise<void> {
  const run = ++runNumber;
  progress = `run ${run}: setup`;
  await resetServer();
  const net = new FaultNetwork(t.app);
  currentNet = net;
  net.healed = true; // the setup runs on a good network
  const plan: [string, Role][] = [
    ['worker', 'worker'],
    ['doctor', 'doctor'],
    ...(scenario.secondWorker ? ([['worker-2', 'worker']] as [string, Role][]) : []),
    ...(scenario.pharmacists
      ? ([
          ['pharmacist', 'pharmacist'],
          ['pharmacist-2', 'pharmacist'],
        ] as [string, Role][])
      : []),
  ];
  const devices: Device[] = [];
  currentDevices = devices;
  for (const [i, [name, role]] of plan.entries()) {
    devices.push(await newDevice(net, name, role, scenario.faults[i] ?? [], 500, 50));
  }
  const runRows = new Map<string, EditTable>();
  const purged: PurgedRow[] = [];
  const clinical = devices.filter((d) => d.role !== 'pharmacist');
  const pharmacy = devices.filter((d) => d.role === 'pharmacist');
  const observers = new Map<Role, Device>();
  try {
    // Shared rows every device has before going offline.
    const [first] = devices;
    for (let i = 0; i < scenario.setupPatients; i++) {
      await applyEdit(first!, { table: 'patients', op: 'create', pick: 0 }, run, runRows);
      await applyEdit(first!, { table: 'appointments', op: 'create', pick: i }, run, runRows);
      await applyEdit(first!, { table: 'records', op: 'create', pick: i }, run, runRows);
    }
    for (const device of devices) await device.client.syncNow();
    // Offline from here on, each with its own page and batch sizes (a restart costs nothing).
    for (const [i, device] of devices.entries()) {
      device.pageSize = scenario.pageSizes[i] ?? 500;
      device.batchSize = scenario.batchSizes[i] ?? 4;
      await restart(net, device, true);
    }
    net.healed = false;

    for (const [index, step] of scenario.steps.entries()) {
      progress = `run ${run}: step ${index} ${JSON.stringify(step)}`;
      if (step.kind === 'settle') {
        await settle(net, devices);
        continue;
      }
      if (step.kind === 'purge') {
        await purgeAll(purged);
        continue;
      }
      if (step.kind === 'edit') {
        const pool = step.edit.table === 'inventory' ? pharmacy : clinical;
        const device = pool[step.device % Math.max(1, pool.length)];
        if (device) await applyEdit(device, step.edit, run, runRows);
        continue;
      }
      const device = devices[step.device % devices.length]!;
      if (step.kind === 'sync') device.syncs.push(device.client.syncNow());
      else await restart(net, device, step.deliverHeld);
    }

    // The network heals; everyone syncs until nothing moves.
    progress = `run ${run}: healing`;
    await net.heal();
    await settle(net, devices);
    await quiesce(net, devices);
    for (const role of ['worker', 'pharmacist'] as const) {
      if (role === 'pharmacist' && !pharmacy.length) continue;
      const observer = await newDevice(net, `observer-${role}`, role, [], 500, 50);
      await observer.client.syncNow();
      observers.set(role, observer);
    }
    await verify(devices, observers, purged, 'after healing');

    // A person resolves the conflicts at random; everyone syncs again.
    progress = `run ${run}: resolving conflicts`;
    const resolutions = [...scenario.resolutions];
    let resolved = 0;
    for (const device of devices) {
      for (const conflict of await device.client.listConflicts('open')) {
        const choice = resolutions.shift() ?? 'leave';
        if (choice === 'leave') continue;
        await device.client.resolve(conflict.id, choice);
        resolved += 1;
      }
    }
    if (resolved > 0) {
      await quiesce(net, devices);
      for (const observer of observers.values()) await observer.client.syncNow();
      await verify(devices, observers, purged, 'after resolving conflicts');
    }
  } catch (error) {
    const log = net.log
      .map((l) => `${l.device} ${l.fault} ${l.method} ${l.path} → ${l.status ?? '-'}`)
      .join('\n');
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- network log ---\n${log}`,
      { cause: error },
    );
  } finally {
    await net.heal();
    for (const device of [...devices, ...observers.values()]) {
      await drain(net, device.client.close());
    }
  }
}

describe.skipIf(testDatabaseKind === 'postgres' && !replicaRun)(
  'sync-client against the real API',
  () => {
    it('devices converge, lose no edit and duplicate nothing under network faults and restarts', async () => {
      await fc.assert(
        fc.asyncProperty(scenarioArb, (scenario) => runWithDeadline(scenario)),
        {
          numRuns: SETTINGS.runs,
          ...(SETTINGS.seed === undefined ? {} : { seed: SETTINGS.seed }),
          ...(SETTINGS.path === undefined ? {} : { path: SETTINGS.path }),
          endOnFailure: !SETTINGS.shrink,
        },
      );
      // 200 runs take minutes on a loaded 2-core machine; the count, not the clock, is the gate.
    }, 1_800_000);
  },
);
