import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { requestHeader, WIRE_HEADERS } from '@healthsync/contracts';
import { randomUUID } from 'node:crypto';
import { fastifyTrustProxy, type AppConfig } from './env';
import authPlugin from './plugins/auth';
import databasePlugin, { type AppDatabase } from './plugins/database';
import errorsPlugin from './plugins/errors';
import { MAX_PATH_SEGMENT, rewriteInvalidUrl } from './lib/invalid-url';
import jsonBodyPlugin from './plugins/json-body';
import metricsPlugin from './plugins/metrics';
import openapiPlugin from './plugins/openapi';
import securityPlugin from './plugins/security';
import sessionsPlugin from './plugins/sessions';
import { forbidden } from './lib/errors';
import { withRedactedRequests } from './lib/request-log';
import { errorForLog } from './lib/error-for-log';
import { rejectUnstorableText } from './lib/storable-text';
import { callerOf } from './core/caller';
import { canUseClinicalData } from './core/auth-user';
import adminRoutes from './modules/admin/routes';
import authRoutes from './modules/auth/routes';
import healthRoutes from './modules/health/routes';
import patientRoutes from './modules/patients/routes';
import recordRoutes from './modules/records/routes';
import appointmentRoutes from './modules/appointments/routes';
import resourceSyncRoutes from './modules/sync/resource-sync-routes';
import syncRoutes from './modules/sync/routes';
import syncEventsRoute from './modules/sync/events-route';
import fhirPlugin from './modules/fhir/fhir-plugin';
import fhirExportQueuePlugin from './modules/fhir/export/export-queue-plugin';
import batchQueuePlugin from './modules/sync/upload/batch-queue-plugin';
import devicePullsPlugin from './modules/sync/device-pulls-plugin';
import purgeSchedulePlugin from './modules/sync/purge-schedule-plugin';
import changeFeedPlugin from './plugins/change-feed';
import readReplicasPlugin from './plugins/read-replicas';

export type BuildAppOptions = {
  config: AppConfig;
  database: AppDatabase;
  /** pino options, or false for no logs (tests). */
  logger?: boolean | Record<string, unknown>;
};

/** Builds the API from its plugins in a fixed order. Tests use it through `app.inject`. */
export async function buildApp({
  config,
  database,
  logger = false,
}: BuildAppOptions): Promise<FastifyInstance> {
  const loggerOptions = logger === true ? { level: config.logLevel } : logger;
  const app = Fastify({
    // Request lines show the route and a redacted query, never a searched name (lib/request-log);
    // database errors are logged without their message: it quotes the call's clinical arguments.
    logger: withRedactedRequests(
      loggerOptions && {
        ...loggerOptions,
        serializers: { ...(loggerOptions.serializers as object), err: errorForLog },
      },
    ),
    bodyLimit: config.bodyLimitBytes,
    // Start-up work in onReady hooks (pg-boss creating its schema, the change feed's LISTEN) can
    // take longer than Fastify's 10 s on a small, busy server; failing to boot would be worse.
    pluginTimeout: 60_000,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Over-long ids reach the schemas (400 naming the field) instead of the router's 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_SEGMENT },
    requestIdHeader: requestHeader(WIRE_HEADERS.requestId),
    genReqId: () => randomUUID(),
    // A path that is not validly percent-encoded, or has a segment beyond maxParamLength, would
    // fail inside the router, before any hook (security headers, request id) or error handler
    // runs: route it to the not-found handler, which answers 400 naming the URL (plugins/errors;
    // under /fhir as an OperationOutcome).
    rewriteUrl: (req) => rewriteInvalidUrl(req.url ?? '/'),
    // Routing failures left over, should there be any: the API's error format too.
    frameworkErrors: (error, _request, reply) => {
      const detail = error.message;
      void (reply as FastifyReply)
        .code(400)
        .type('application/json')
        .send({ error_code: 'BAD_REQUEST', detail, errors: { url: detail } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header(WIRE_HEADERS.requestId, request.id);
  });
  app.addHook('preValidation', rejectUnstorableText);

  // 1. infrastructure
  await app.register(errorsPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(securityPlugin, { corsOrigins: config.corsOrigins });
  await app.register(openapiPlugin, { public: config.docsPublic });
  await app.register(databasePlugin, { database });
  await app.register(readReplicasPlugin, { urls: config.databaseReplicaUrls });
  await app.register(metricsPlugin, {
    token: config.metricsToken,
    public: config.metricsPublic,
  });
  await app.register(changeFeedPlugin);
  await app.register(sessionsPlugin);
  await app.register(authPlugin, {
    jwtSecret: config.jwtSecret,
    accessTtlSeconds: config.accessTokenTtlSeconds,
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
  });

  await app.register(batchQueuePlugin);
  await app.register(fhirExportQueuePlugin);
  await app.register(purgeSchedulePlugin, { retentionDays: config.tombstoneRetentionDays });
  await app.register(devicePullsPlugin);

  // 2. open routes
  await app.register(healthRoutes);
  await app.register(authRoutes, {
    signInLimits: config.signInLimits,
    devicePolicy: config.devicePolicy,
  });

  // 3. clinical data: signed-in health workers, doctors and admins
  await app.register(async (clinical) => {
    clinical.addHook('onRequest', clinical.authenticate);
    // onRequest (after authenticate): a caller without the role is refused before the body is
    // even parsed, so a pharmacist learns nothing from validation errors either.
    clinical.addHook('onRequest', async (request) => {
      if (!canUseClinicalData(callerOf(request))) throw forbidden();
    });
    await clinical.register(patientRoutes);
    await clinical.register(recordRoutes);
    await clinical.register(appointmentRoutes);
  });

  // 3b. FHIR R4 under /fhir: the same tokens and scope, answers in application/fhir+json
  await app.register(fhirPlugin);

  // 4. administration
  await app.register(async (admin) => {
    admin.addHook('onRequest', admin.authenticate);
    await admin.register(adminRoutes);
  });

  // 5. sync: every signed-in role; each route narrows to what the caller's role may see
  await app.register(async (sync) => {
    sync.addHook('onRequest', sync.authenticate);
    await sync.register(syncRoutes);
    await sync.register(resourceSyncRoutes);
    await sync.register(syncEventsRoute);
  });

  return app;
}
