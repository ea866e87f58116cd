import type { Db } from '../../../db/prisma';
import { notFound } from '../../../lib/errors';
import type { AuthUser } from '../../../core/auth-user';

/** The caller's own, unexpired export; 404 for anyone else's (no oracle for ids). */
export async function findOwnExport(db: Db, user: AuthUser, jobId: string) {
  const job = await db.fhirExportJob.findUnique({ where: { id: jobId } });
  if (!job || job.userId !== user.id || job.expiresAt < new Date()) {
    throw notFound('No such export of yours (exports expire an hour after they were asked for).');
  }
  return job;
}

export type ExportStatus =
  | { state: 'in-progress'; progress: string }
  | { state: 'failed'; error: string }
  | { state: 'done'; manifest: Record<string, unknown>; expires: Date };

/** The Bulk Data status: in progress, failed, or the manifest listing every NDJSON file. */
export async function readExportStatus(
  db: Db,
  user: AuthUser,
  jobId: string,
  fileUrl: (seq: number) => string,
): Promise<ExportStatus> {
  const job = await findOwnExport(db, user, jobId);
  if (job.status === 'queued' || job.status === 'running') {
    return { state: 'in-progress', progress: job.progress ?? job.status };
  }
  if (job.status === 'failed') return { state: 'failed', error: job.error ?? 'The export failed.' };
  const files = await db.fhirExportFile.findMany({
    where: { jobId },
    select: { seq: true, type: true, count: true },
    orderBy: { seq: 'asc' },
  });
  return {
    state: 'done',
    expires: job.expiresAt,
    manifest: {
      transactionTime: job.transactionTime.toISOString(),
      request: job.requestUrl,
      requiresAccessToken: true,
      output: files.map((f) => ({ type: f.type, url: fileUrl(f.seq), count: f.count })),
      error: [],
    },
  };
}

/** One NDJSON file of the caller's export. */
export async function readExportFile(db: Db, user: AuthUser, jobId: string, seq: number) {
  await findOwnExport(db, user, jobId);
  const file = await db.fhirExportFile.findUnique({ where: { jobId_seq: { jobId, seq } } });
  if (!file) throw notFound('No such file in this export.');
  return file.ndjson;
}

/** DELETE on the status URL: the export and its files are gone. */
export async function deleteExport(db: Db, user: AuthUser, jobId: string) {
  await findOwnExport(db, user, jobId);
  await db.fhirExportJob.delete({ where: { id: jobId } });
}
