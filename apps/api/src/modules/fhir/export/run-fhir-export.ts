import type { FhirExportType } from '@healthsync/contracts';
import type { PrismaClient } from '../../../db/prisma';
import { exportPages } from './export-sources';

/**
 * Runs one export job: every requested type, page by page, each page stored as one NDJSON file
 * (`fhir_export_file`). Running it again starts over (its files are replaced), so a job a crash
 * interrupted is simply run again. A job deleted meanwhile (DELETE on its status URL) stops.
 */
export async function runFhirExport(prisma: PrismaClient, jobId: string): Promise<void> {
  const job = await prisma.fhirExportJob.findUnique({ where: { id: jobId } });
  if (!job || job.status === 'done' || job.status === 'failed') return;
  await prisma.fhirExportFile.deleteMany({ where: { jobId } });
  await prisma.fhirExportJob.update({
    where: { id: jobId },
    data: { status: 'running', progress: 'starting' },
  });
  const scope = { facilityId: job.facilityId, since: job.since };
  const done: string[] = [];
  let seq = 0;
  try {
    for (const type of job.types as FhirExportType[]) {
      let count = 0;
      for await (const resources of exportPages(prisma, scope, type)) {
        const ndjson = resources.map((r) => JSON.stringify(r)).join('\n') + '\n';
        await prisma.fhirExportFile.create({
          data: { jobId, seq: seq++, type, count: resources.length, ndjson },
        });
        count += resources.length;
        await prisma.fhirExportJob.update({
          where: { id: jobId },
          data: { progress: [...done, `${type}: ${count} so far`].join(', ') },
        });
      }
      done.push(`${type}: ${count}`);
    }
    await prisma.fhirExportJob.update({
      where: { id: jobId },
      data: { status: 'done', progress: done.join(', ') },
    });
  } catch (error) {
    const stillThere = await prisma.fhirExportJob.findUnique({
      where: { id: jobId },
      select: { id: true },
    });
    if (!stillThere) return; // cancelled by its requester
    await prisma.fhirExportJob.update({
      where: { id: jobId },
      data: { status: 'failed', error: 'The export failed; start a new one.' },
    });
    throw error;
  }
}
