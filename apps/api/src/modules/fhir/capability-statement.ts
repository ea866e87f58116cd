import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';

const SEARCH: Partial<
  Record<
    CapabilityStatementRestResource['type'] & string,
    [string, 'string' | 'date' | 'token' | 'reference'][]
  >
> = {
  Patient: [
    ['name', 'string'],
    ['birthdate', 'date'],
    ['identifier', 'token'],
    ['gender', 'token'],
  ],
  Observation: [
    ['patient', 'reference'],
    ['subject', 'reference'],
    ['code', 'token'],
    ['category', 'token'],
    ['date', 'date'],
  ],
  Appointment: [
    ['patient', 'reference'],
    ['date', 'date'],
    ['status', 'token'],
  ],
  Practitioner: [['name', 'string']],
  Organization: [['name', 'string']],
  Location: [['name', 'string']],
  Condition: [],
  MedicationRequest: [],
};

const COMMON: [string, 'token' | 'date'][] = [
  ['_id', 'token'],
  ['_lastUpdated', 'date'],
];

/** `GET /fhir/metadata`: what this server does, for clients that discover it. */
export function capabilityStatement(base: string, software: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-06',
    kind: 'instance',
    software: { name: software },
    implementation: { description: 'HealthSync FHIR R4 API (read-only)', url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Send the HealthSync access token as Authorization: Bearer <token> (POST /api/auth/token/).',
        },
        resource: Object.entries(SEARCH).map(([type, params]) => ({
          type: type as CapabilityStatementRestResource['type'],
          interaction: [
            { code: 'read' as const },
            ...(params.length ? [{ code: 'search-type' as const }] : []),
          ],
          ...(params.length
            ? {
                searchParam: [...COMMON, ...params].map(([name, paramType]) => ({
                  name,
                  type: paramType,
                })),
              }
            : {}),
          ...(type === 'Patient'
            ? {
                operation: [
                  {
                    name: 'everything',
                    definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
                  },
                ],
              }
            : {}),
        })),
        operation: [
          {
            name: 'export',
            definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
          },
        ],
      },
    ],
  };
}
