import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'fhir-kit-client';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { demoId, FACILITY_A } from '../../demo/demo-data';
import { seedDemo } from '../../demo/seed-demo';
import { serveApp, type ServedApp } from '../../test/serve-app';
import { createTestDatabase } from '../../test/test-database';
import { fhirProblemsOf } from './fhir-validator';

/** A client that knows only FHIR (fhir-kit-client) against the API listening on a port. */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let served: ServedApp;
let client: Client;
let token: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.prisma);
  served = await serveApp(database);
  const signIn = await fetch(`${served.url}/api/auth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'worker', password: 'worker-demo' }),
  });
  token = ((await signIn.json()) as { access: string }).access;
  client = new Client({ baseUrl: `${served.url}/fhir`, bearerToken: token });
});
afterAll(async () => {
  await served?.close();
  await database?.close();
});

const resourcesOf = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.resource!);

describe('fhir-kit-client against the running API', () => {
  it('reads the CapabilityStatement and searches patients page by page', async () => {
    const capability = (await client.capabilityStatement()) as { fhirVersion?: string };
    expect(capability.fhirVersion).toBe('4.0.1');

    const first = (await client.search({
      resourceType: 'Patient',
      searchParams: { _count: 1 },
    })) as unknown as Bundle;
    const seen = resourcesOf(first);
    let page: Bundle | undefined = first;
    while (page && page.link?.some((l) => l.relation === 'next')) {
      page = (await client.nextPage({ bundle: page as never })) as unknown as Bundle;
      seen.push(...resourcesOf(page));
    }
    expect(seen.map((p) => p.id).sort()).toEqual([demoId('patient-1'), demoId('patient-2')].sort());

    const byName = (await client.search({
      resourceType: 'Patient',
      searchParams: { name: 'sunita' },
    })) as unknown as Bundle;
    expect(resourcesOf(byName).map((p) => p.id)).toEqual([demoId('patient-2')]);
  });

  it('reads Patient/$everything', async () => {
    const everything = (await client.operation({
      name: '$everything',
      resourceType: 'Patient',
      id: demoId('patient-1'),
      method: 'GET',
    })) as unknown as Bundle;
    const resources = resourcesOf(everything);
    expect(resources.map((r) => r.resourceType)).toContain('Observation');
    for (const resource of resources) expect(await fhirProblemsOf(resource)).toEqual([]);
  });

  it('runs a Bulk Data export: kick-off, poll, download every NDJSON file', async () => {
    const kickOff = (await client.request(`Group/${FACILITY_A.id}/$export`, {
      options: { headers: { prefer: 'respond-async' } },
    })) as unknown as OperationOutcome;
    const statusUrl = Client.httpFor(kickOff as never).response?.headers.get('content-location');
    expect(statusUrl).toMatch(/\$export-status\//);
    await served.app.fhirExportQueue.drain();
    const manifest = (await client.request(statusUrl!)) as unknown as {
      output: { type: string; url: string; count: number }[];
    };
    expect(manifest.output.length).toBeGreaterThan(0);
    let lines = 0;
    for (const file of manifest.output) {
      const response = await fetch(file.url, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      for (const line of text.trimEnd().split('\n')) {
        const resource = JSON.parse(line) as Resource;
        expect(resource.resourceType).toBe(file.type);
        expect(await fhirProblemsOf(resource)).toEqual([]);
        lines += 1;
      }
    }
    expect(lines).toBe(manifest.output.reduce((sum, f) => sum + f.count, 0));
  });
});
