// Creates/drops the bench database and loads the dataset straight into our tables: one multi-row
// INSERT … SELECT FROM unnest(arrays) per 5,000 rows, in one transaction. The BEFORE INSERT
// triggers stamp every row (updated_at, stamp, server_version) exactly as an API write would.
import pg from 'pg';

export const ADMIN_URL =
  process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_DB = process.env.BENCH_DB ?? 'healthsync_bench';

export function dbUrl(name = BENCH_DB) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function recreateDatabase(name = BENCH_DB) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
}

export async function dropDatabase(name = BENCH_DB) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

// One transaction per chunk: each row's trigger updates the single sync_clock row, and a
// transaction that updates one row N times leaves N versions that cannot be pruned before it
// commits, so each further update walks them — quadratic. 82k rows in one transaction took 163 s;
// 1,000-row transactions keep it linear.
const CHUNK = 1000;

async function insertColumns(client, table, columns, rows) {
  // columns: [name, pgType, (row) => value]
  for (let start = 0; start < rows.length; start += CHUNK) {
    const slice = rows.slice(start, start + CHUNK);
    const arrays = columns.map(([, , get]) => slice.map(get));
    const names = columns.map(([name]) => `"${name}"`).join(', ');
    const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    await client.query(`INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${unnest})`, arrays);
    await client.query('COMMIT; BEGIN');
  }
}

const json = (v) => JSON.stringify(v);

/**
 * Loads the dataset (a crash mid-way leaves part of it: the caller recreates the database); returns
 * the milliseconds it took. Needs the demo seed (facility, doctors, worker). `analyze: false` skips
 * the closing ANALYZE (W7 loads a hundred facilities and analyzes once before it measures).
 */
export async function loadDataset(url, ds, { analyze = true } = {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = performance.now();
  try {
    // A bench database: losing the last commits in a crash is fine, waiting for 82 fsyncs is not.
    await client.query('SET synchronous_commit = off');
    await client.query('BEGIN');
    await insertColumns(
      client,
      'patient',
      [
        ['id', 'uuid', (r) => r.id],
        ['name', 'text', (r) => r.name],
        ['dob', 'date', (r) => r.dob],
        ['gender', 'text', (r) => r.gender],
        ['phone_number', 'text', (r) => r.phone_number],
        ['address', 'text', (r) => r.address],
        ['identifiers', 'jsonb', (r) => json(r.identifiers)],
        ['owner_id', 'uuid', (r) => r.owner],
        ['facility_id', 'uuid', (r) => r.facility_id],
      ],
      ds.patients,
    );
    await insertColumns(
      client,
      'appointment',
      [
        ['id', 'uuid', (r) => r.id],
        ['patient_id', 'uuid', (r) => r.patient_id],
        ['doctor_id', 'uuid', (r) => r.doctor_id],
        ['appointment_date', 'timestamptz', (r) => r.appointment_date],
        ['status', '"AppointmentStatus"', (r) => r.status],
        ['symptoms', 'text', (r) => r.symptoms],
        ['diagnosis', 'text', (r) => r.diagnosis],
        ['prescription', 'text', (r) => r.prescription],
        ['facility_id', 'uuid', (r) => r.facility_id],
      ],
      ds.appointments,
    );
    await insertColumns(
      client,
      'health_record',
      [
        ['id', 'uuid', (r) => r.id],
        ['patient_id', 'uuid', (r) => r.patient],
        ['resource_type', 'text', (r) => r.resource_type],
        ['data', 'jsonb', (r) => json(r.data)],
        ['facility_id', 'uuid', (r) => r.facility_id],
      ],
      ds.observations,
    );
    await insertColumns(
      client,
      'pharmacy',
      [
        ['id', 'uuid', (r) => r.id],
        ['name', 'text', (r) => r.name],
        ['village', 'text', (r) => r.village],
        ['address', 'text', (r) => r.address],
      ],
      ds.pharmacies,
    );
    await insertColumns(
      client,
      'medicine',
      [
        ['id', 'uuid', (r) => r.id],
        ['name', 'text', (r) => r.name],
        ['strength', 'text', (r) => r.strength],
        ['form', 'text', (r) => r.form],
      ],
      ds.medicines,
    );
    await insertColumns(
      client,
      'inventory_item',
      [
        ['id', 'uuid', (r) => r.id],
        ['pharmacy_id', 'uuid', (r) => r.pharmacy_id],
        ['medicine_id', 'uuid', (r) => r.medicine_id],
        ['quantity_available', 'int', (r) => r.quantity_available],
      ],
      ds.inventory,
    );
    await client.query('COMMIT');
    if (analyze) await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return performance.now() - t0;
}
