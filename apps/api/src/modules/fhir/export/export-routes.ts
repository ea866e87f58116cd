import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FhirExportFileParams,
  FhirExportJobParams,
  FhirExportQuery,
  FhirIdParams,
  FhirResourceBody,
} from '@healthsync/contracts';
import { callerOf } from '../../../core/caller';
import { FHIR_ERRORS, fhirBaseOf, sendFhir } from '../routes';
import { outcomeOf } from '../operation-outcome';
import { deleteExport, readExportFile, readExportStatus } from './export-status';
import { startFhirExport } from './start-fhir-export';

const KICK_OFF_HEADERS = z.object({ prefer: z.string().max(200).optional() });
const NDJSON = 'application/fhir+ndjson';

/** FHIR Bulk Data Access v2: kick-off, status (poll / delete) and the NDJSON files. */
export default async function fhirExportRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const statusUrl = (request: FastifyRequest, job: string) =>
    `${fhirBaseOf(request)}/$export-status/${job}`;

  const kickOff = async (request: FastifyRequest, groupId: string | null) => {
    const url = `${request.protocol}://${request.host}${request.url}`;
    const preferAsync = /(^|[\s,;])respond-async($|[\s,;])/i.test(
      String(request.headers.prefer ?? ''),
    );
    return startFhirExport(app.db.prisma, callerOf(request), {
      groupId,
      query: request.query as FhirExportQuery,
      url,
      preferAsync,
    });
  };
  const accepted = async (reply: FastifyReply, request: FastifyRequest, job: string) => {
    await app.fhirExportQueue.enqueue(job);
    const url = statusUrl(request, job);
    reply.header('Content-Location', url);
    return sendFhir(
      reply,
      outcomeOf([
        {
          severity: 'information',
          code: 'informational',
          diagnostics: `Export started; poll ${url}.`,
        },
      ]),
      202,
    );
  };
  const schema = (summary: string, params?: z.ZodType) => ({
    tags: ['fhir'],
    summary,
    description:
      'Send `Prefer: respond-async`. 202 with `Content-Location`: poll it for the manifest.',
    querystring: FhirExportQuery,
    headers: KICK_OFF_HEADERS,
    ...(params ? { params } : {}),
    response: { 202: FhirResourceBody, ...FHIR_ERRORS },
  });

  typed.get('/$export', {
    schema: schema('Export every facility (administrators)'),
    handler: async (request, reply) => {
      return accepted(reply, request, await kickOff(request, null));
    },
  });

  typed.get('/Group/:id/$export', {
    schema: schema('Export one facility (the Group id is the facility id)', FhirIdParams),
    handler: async (request, reply) => {
      return accepted(
        reply,
        request,
        await kickOff(request, (request.params as { id: string }).id),
      );
    },
  });

  typed.get('/$export-status/:job', {
    schema: {
      tags: ['fhir'],
      summary: 'Poll an export: 202 with X-Progress while it runs, then 200 and the manifest',
      params: FhirExportJobParams,
      response: {
        200: z.looseObject({ transactionTime: z.string(), output: z.array(z.unknown()) }),
        202: z.null().describe('Still running; X-Progress says how far'),
        ...FHIR_ERRORS,
        500: FhirResourceBody,
      },
    },
    handler: async (request, reply) => {
      const { job } = request.params;
      const status = await readExportStatus(
        app.db.prisma,
        callerOf(request),
        job,
        (seq) => `${fhirBaseOf(request)}/$export-file/${job}/${seq}`,
      );
      if (status.state === 'in-progress') {
        return (reply as FastifyReply)
          .code(202)
          .header('X-Progress', status.progress)
          .header('Retry-After', '2')
          .send();
      }
      if (status.state === 'failed') {
        return sendFhir(
          reply,
          outcomeOf([{ severity: 'error', code: 'exception', diagnostics: status.error }]),
          500,
        );
      }
      return (reply as FastifyReply)
        .code(200)
        .header('Expires', status.expires.toUTCString())
        .type('application/json')
        .send(status.manifest);
    },
  });

  typed.delete('/$export-status/:job', {
    schema: {
      tags: ['fhir'],
      summary: 'Cancel an export, or delete its files',
      params: FhirExportJobParams,
      response: { 202: z.null(), ...FHIR_ERRORS },
    },
    handler: async (request, reply) => {
      await deleteExport(app.db.prisma, callerOf(request), request.params.job);
      return (reply as FastifyReply).code(202).send();
    },
  });

  typed.get('/$export-file/:job/:file', {
    schema: {
      tags: ['fhir'],
      summary: 'One NDJSON file of an export (its requester only, until it expires)',
      params: FhirExportFileParams,
      response: FHIR_ERRORS,
    },
    handler: async (request, reply) => {
      const { job, file } = request.params;
      const ndjson = await readExportFile(app.db.prisma, callerOf(request), job, file);
      return (reply as FastifyReply).code(200).type(NDJSON).send(ndjson);
    },
  });
}
