import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  FHIR_JSON,
  FhirAppointmentSearch,
  FhirDirectorySearch,
  FhirIdParams,
  FhirObservationSearch,
  FhirPatientSearch,
  FhirReadParams,
  FhirResourceBody,
} from '@healthsync/contracts';
import type { Resource } from '@medplum/fhirtypes';
import type { Db } from '../../db/prisma';
import { callerOf } from '../../core/caller';
import type { AuthUser } from '../../core/auth-user';
import { capabilityStatement } from './capability-statement';
import { pageUrl, searchsetOf } from './fhir-bundle';
import {
  searchAppointments,
  searchObservations,
  searchPatients,
  searchPlaces,
  searchPractitioners,
  type SearchPage,
} from './fhir-search';
import { patientEverything } from './patient-everything';
import { readFhirResource } from './read-fhir-resource';

/** Every answer of /fhir is a resource; errors are OperationOutcomes (see fhir-plugin). */
export const FHIR_ERRORS = {
  400: FhirResourceBody,
  401: FhirResourceBody,
  403: FhirResourceBody,
  404: FhirResourceBody,
  410: FhirResourceBody,
};
export const FHIR_RESPONSES = { 200: FhirResourceBody, ...FHIR_ERRORS };

/** The FHIR base URL as the caller reached it (behind TRUST_PROXY, as the proxy reported). */
export const fhirBaseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}/fhir`;
const requestUrl = (request: FastifyRequest) =>
  new URL(request.url, `${request.protocol}://${request.host}`);

export const sendFhir = (reply: FastifyReply, resource: unknown, status = 200) =>
  reply.code(status).type(FHIR_JSON).send(resource);

type Paged = { _count: number; _offset: number };

/** FHIR reads come from a replica that holds every change committed so far, else the primary. */
const readerOf = async (app: FastifyInstance) => (await app.replicaReads.caughtUp()).prisma;

function registerSearch<Q extends z.ZodType<Paged>>(
  app: FastifyInstance,
  type: string,
  querystring: Q,
  search: (db: Db, user: AuthUser, query: z.output<Q>) => Promise<SearchPage>,
) {
  app.withTypeProvider<ZodTypeProvider>().get(`/${type}`, {
    schema: {
      tags: ['fhir'],
      summary: `Search ${type} resources (a searchset Bundle; follow its next link)`,
      querystring,
      response: FHIR_RESPONSES,
    },
    handler: async (request, reply) => {
      const query = request.query as z.output<Q>;
      const page = await search(await readerOf(app), callerOf(request), query);
      const url = requestUrl(request);
      const bundle = searchsetOf(fhirBaseOf(request), page.resources, {
        self: url.toString(),
        next: page.hasMore ? pageUrl(url, query._offset + query._count) : null,
      });
      return sendFhir(reply, bundle);
    },
  });
}

/** Read-only FHIR R4: metadata, search, read and Patient/$everything. */
export default async function fhirRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  registerSearch(app, 'Patient', FhirPatientSearch, searchPatients);
  registerSearch(app, 'Observation', FhirObservationSearch, searchObservations);
  registerSearch(app, 'Appointment', FhirAppointmentSearch, searchAppointments);
  registerSearch(app, 'Practitioner', FhirDirectorySearch, searchPractitioners);
  registerSearch(app, 'Organization', FhirDirectorySearch, (db, user, q) =>
    searchPlaces(db, user, 'Organization', q),
  );
  registerSearch(app, 'Location', FhirDirectorySearch, (db, user, q) =>
    searchPlaces(db, user, 'Location', q),
  );

  typed.get('/:type/:id', {
    schema: {
      tags: ['fhir'],
      summary: 'Read one resource (404 unknown or out of scope, 410 deleted)',
      params: FhirReadParams,
      response: FHIR_RESPONSES,
    },
    handler: async (request, reply) => {
      const { type, id } = request.params;
      return sendFhir(
        reply,
        await readFhirResource(await readerOf(app), callerOf(request), type, id),
      );
    },
  });

  typed.get('/Patient/:id/$everything', {
    schema: {
      tags: ['fhir'],
      summary: 'Everything about one patient, as a searchset Bundle',
      params: FhirIdParams,
      response: FHIR_RESPONSES,
    },
    handler: async (request, reply) => {
      const resources: Resource[] = await patientEverything(
        await readerOf(app),
        callerOf(request),
        request.params.id,
      );
      const url = requestUrl(request).toString();
      return sendFhir(reply, searchsetOf(fhirBaseOf(request), resources, { self: url }));
    },
  });
}

/** `GET /fhir/metadata`: open, like the API's health checks; it holds no clinical data. */
export async function fhirMetadataRoute(app: FastifyInstance) {
  app.get('/metadata', {
    schema: {
      tags: ['fhir'],
      summary: 'CapabilityStatement of the FHIR API',
      security: [],
      response: { 200: FhirResourceBody },
    },
    handler: async (request, reply) =>
      sendFhir(reply, capabilityStatement(fhirBaseOf(request), 'HealthSync')),
  });
}
