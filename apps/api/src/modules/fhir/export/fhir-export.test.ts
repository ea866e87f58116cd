import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { FACILITY_A, FACILITY_B } from '../../../demo/demo-data';
import { openTestApp, type Caller, type TestApp } from '../../../test/test-app';
import { fhirProblemsOf } from '../fhir-validator';

let t: TestApp, worker: Caller, admin: Caller;
beforeAll(async () => ({ t, worker, admin } = await openTestApp('worker', 'admin')));
afterAll(() => t.close());

const ASYNC = { prefer: 'respond-async', accept: 'application/fhir+json' };
type Manifest = {
  transactionTime: string;
  request: string;
  requiresAccessToken: boolean;
  output: { type: string; url: string; count: number }[];
};

/** Kicks off, waits for the job, and returns the status path. */
async function kickOff(caller: Caller, url: string): Promise<string> {
  const response = await caller.get(url, ASYNC);
  expect(response.statusCode, response.body).toBe(202);
  const location = String(response.headers['content-location']);
  expect(location).toMatch(/\/fhir\/\$export-status\/[0-9a-f-]{36}$/);
  await t.app.fhirExportQueue.drain();
  return new URL(location).pathname;
}

/** Every line of every file of a finished export, with its file's type. */
async function resourcesOf(caller: Caller, statusPath: string) {
  const status = await caller.get(statusPath);
  expect(status.statusCode, status.body).toBe(200);
  const manifest = status.json<Manifest>();
  expect(manifest.requiresAccessToken).toBe(true);
  const lines: { type: string; resource: Resource }[] = [];
  for (const file of manifest.output) {
    const response = await caller.get(new URL(file.url).pathname);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
    const text = response.body.trimEnd().split('\n');
    expect(text).toHaveLength(file.count);
    for (const line of text)
      lines.push({ type: file.type, resource: JSON.parse(line) as Resource });
  }
  return { manifest, lines };
}

describe('FHIR Bulk Data export', () => {
  it('a facility export (Group) lists NDJSON files of valid resources, all of that facility', async () => {
    const statusPath = await kickOff(worker, `/fhir/Group/${FACILITY_A.id}/$export`);
    const { manifest, lines } = await resourcesOf(worker, statusPath);
    expect(manifest.request).toContain(`/fhir/Group/${FACILITY_A.id}/$export`);
    const types = new Set(lines.map((l) => l.resource.resourceType));
    expect(types).toEqual(
      new Set([
        'Patient',
        'Practitioner',
        'Organization',
        'Location',
        'Appointment',
        'Condition',
        'MedicationRequest',
        'Observation',
      ]),
    );
    for (const { type, resource } of lines) {
      expect(resource.resourceType).toBe(type);
      expect(await fhirProblemsOf(resource)).toEqual([]);
    }
    const patients = lines.filter((l) => l.type === 'Patient').map((l) => l.resource);
    expect(
      patients.map(
        (p) =>
          (p as { managingOrganization?: { reference?: string } }).managingOrganization?.reference,
      ),
    ).toEqual(patients.map(() => `Organization/${FACILITY_A.id}`));
  });

  it('_type and _since narrow it; the system export is for admins and holds every facility', async () => {
    const onlyPatients = await resourcesOf(
      worker,
      await kickOff(worker, `/fhir/Group/${FACILITY_A.id}/$export?_type=Patient`),
    );
    expect(new Set(onlyPatients.lines.map((l) => l.type))).toEqual(new Set(['Patient']));
    const future = await resourcesOf(
      worker,
      await kickOff(worker, `/fhir/Group/${FACILITY_A.id}/$export?_since=2999-01-01T00:00:00Z`),
    );
    expect(future.manifest.output).toEqual([]);

    const forbidden = await worker.get('/fhir/$export', ASYNC);
    expect(forbidden.statusCode).toBe(403);
    const all = await resourcesOf(admin, await kickOff(admin, '/fhir/$export?_type=Organization'));
    expect(all.lines.map((l) => l.resource.id)).toEqual(
      expect.arrayContaining([FACILITY_A.id, FACILITY_B.id]),
    );
  });

  it('status and files belong to the requester only; DELETE removes them; expired exports are gone', async () => {
    const statusPath = await kickOff(worker, `/fhir/Group/${FACILITY_A.id}/$export?_type=Patient`);
    const file = (await worker.get(statusPath)).json<Manifest>().output[0]!.url;
    const doctor = await t.as('doctor');
    expect((await doctor.get(statusPath)).statusCode).toBe(404);
    expect((await doctor.get(new URL(file).pathname)).statusCode).toBe(404);
    expect((await worker.delete(statusPath)).statusCode).toBe(202);
    expect((await worker.get(statusPath)).statusCode).toBe(404);

    const expiring = await kickOff(worker, `/fhir/Group/${FACILITY_A.id}/$export?_type=Patient`);
    await t.database.prisma.fhirExportJob.updateMany({
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await worker.get(expiring)).statusCode).toBe(404);
  });

  it('bad kick-offs are 4xx OperationOutcomes naming the parameter', async () => {
    const cases: [string, Record<string, string>, number, string | null][] = [
      [`/fhir/Group/${FACILITY_A.id}/$export`, {}, 400, 'Prefer'],
      [`/fhir/Group/${FACILITY_A.id}/$export?_type=Patient,Spaceship`, ASYNC, 400, '_type'],
      [`/fhir/Group/${FACILITY_A.id}/$export?_since=yesterday`, ASYNC, 400, '_since'],
      [`/fhir/Group/${FACILITY_B.id}/$export`, ASYNC, 404, null],
      ['/fhir/Group/not-a-facility/$export', ASYNC, 404, null],
    ];
    for (const [url, headers, status, parameter] of cases) {
      const response = await worker.get(url, headers);
      expect({ url, status: response.statusCode }).toEqual({ url, status });
      const outcome = response.json<OperationOutcome>();
      expect(outcome.resourceType).toBe('OperationOutcome');
      if (parameter) expect(outcome.issue.flatMap((i) => i.expression ?? [])).toEqual([parameter]);
    }
  });
});
