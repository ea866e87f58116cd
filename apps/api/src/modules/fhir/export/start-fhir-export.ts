import {
  FHIR_EXPORT_TYPES,
  type FhirExportQuery,
  type FhirExportType,
} from '@healthsync/contracts';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../../db/prisma';
import { forbidden, notFound } from '../../../lib/errors';
import { canAccessFacility, type AuthUser } from '../../../core/auth-user';
import { isUuid } from '../../../lib/uuid';
import { badParam, dateRange } from '../search-params';

/** How long an export's status and files stay available after it was asked for. */
export const FHIR_EXPORT_TTL_MS = 60 * 60 * 1000;

function typesOf(text: string | undefined): FhirExportType[] {
  if (!text) return [...FHIR_EXPORT_TYPES];
  const types = [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = types.filter((t) => !(FHIR_EXPORT_TYPES as readonly string[]).includes(t));
  if (unknown.length || types.length === 0) {
    throw badParam(
      '_type',
      `Unsupported: ${unknown.join(', ') || '(empty)'}. Export types: ${FHIR_EXPORT_TYPES.join(', ')}.`,
    );
  }
  return types as FhirExportType[];
}

function sinceOf(text: string | undefined): Date | null {
  if (!text) return null;
  if (!/T/.test(text))
    throw badParam(
      '_since',
      'Expected a FHIR instant with a time and zone (2026-01-01T00:00:00Z).',
    );
  return dateRange('_since', text).start;
}

/** Deletes exports past their expiry, with their files. */
export async function purgeExpiredExports(db: Db, now = new Date()) {
  await db.fhirExportJob.deleteMany({ where: { expiresAt: { lt: now } } });
}

/**
 * A Bulk Data kick-off: a system export (admins; `groupId` null) or a Group export of one
 * facility the caller may see. Stores the job; the caller enqueues it.
 */
export async function startFhirExport(
  db: Db,
  user: AuthUser,
  request: { groupId: string | null; query: FhirExportQuery; url: string; preferAsync: boolean },
): Promise<string> {
  if (request.groupId === null && user.role !== 'admin') {
    throw forbidden(
      'A system-level export is for administrators; export your facility as /fhir/Group/<facility id>/$export.',
    );
  }
  if (request.groupId !== null) {
    const facility = isUuid(request.groupId)
      ? await db.facility.findUnique({ where: { id: request.groupId } })
      : null;
    if (!facility || !canAccessFacility(user, facility.id))
      throw notFound('No such Group in your scope.');
  }
  if (!request.preferAsync) {
    throw badParam('Prefer', 'Bulk Data export needs the header Prefer: respond-async.');
  }
  const types = typesOf(request.query._type);
  const since = sinceOf(request.query._since);
  await purgeExpiredExports(db);
  const now = new Date();
  const job = await db.fhirExportJob.create({
    data: {
      id: uuidv7(),
      userId: user.id,
      facilityId: request.groupId,
      types,
      since,
      status: 'queued',
      requestUrl: request.url,
      transactionTime: now,
      expiresAt: new Date(now.getTime() + FHIR_EXPORT_TTL_MS),
    },
  });
  return job.id;
}
