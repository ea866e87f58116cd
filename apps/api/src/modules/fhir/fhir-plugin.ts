import type { FastifyInstance } from 'fastify';
import { FHIR_JSON } from '@healthsync/contracts';
import { callerOf } from '../../core/caller';
import { forbidden } from '../../lib/errors';
import { INVALID_FHIR_URL, invalidUrlErrorOf } from '../../lib/invalid-url';
import { canUseClinicalData } from '../../core/auth-user';
import { loadFhirValidator } from './fhir-validator';
import { outcomeOfError, outcomeOf } from './operation-outcome';
import fhirExportRoutes from './export/export-routes';
import fhirRoutes, { fhirMetadataRoute } from './routes';

/**
 * Everything under /fhir: its own error handler and not-found handler (OperationOutcome in
 * application/fhir+json), the same JWT and role check as the clinical routes.
 */
export default async function fhirPlugin(app: FastifyInstance) {
  // Loading starts now, in the background, rather than inside the first write that validates a
  // record (which awaits the same load); the app does not wait for it to become ready.
  loadFhirValidator().catch((error: unknown) =>
    app.log.error({ err: error }, 'the FHIR validator did not load'),
  );
  await app.register(
    async (fhir) => {
      fhir.setErrorHandler((error, request, reply) => {
        const { status, outcome } = outcomeOfError(error);
        if (status >= 500) request.log.error({ err: error }, 'FHIR request failed');
        return reply.code(status).type(FHIR_JSON).send(outcome);
      });
      fhir.setNotFoundHandler((request, reply) => {
        const invalidUrl = invalidUrlErrorOf(request.url, INVALID_FHIR_URL);
        if (invalidUrl) {
          const { status, outcome } = outcomeOfError(invalidUrl);
          return reply.code(status).type(FHIR_JSON).send(outcome);
        }
        return reply
          .code(404)
          .type(FHIR_JSON)
          .send(
            outcomeOf([
              {
                severity: 'error',
                code: 'not-supported',
                diagnostics: `No FHIR interaction ${request.method} ${request.url.split('?')[0]}.`,
              },
            ]),
          );
      });
      await fhir.register(fhirMetadataRoute);
      await fhir.register(async (clinical) => {
        clinical.addHook('onRequest', clinical.authenticate);
        clinical.addHook('onRequest', async (request) => {
          if (!canUseClinicalData(callerOf(request))) throw forbidden();
        });
        await clinical.register(fhirRoutes);
        await clinical.register(fhirExportRoutes);
      });
    },
    { prefix: '/fhir' },
  );
}
