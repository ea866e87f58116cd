import { ADMIN_ENDPOINTS } from './admin-endpoints';
import { AUTH_ENDPOINTS } from './auth-endpoints';
import { APPOINTMENT_ENDPOINTS, PATIENT_ENDPOINTS, RECORD_ENDPOINTS } from './clinical-endpoints';
import type { Endpoint } from './endpoint';
import { HEALTH_ENDPOINTS } from './health-endpoints';
import { RESOURCE_SYNC_ENDPOINTS, SYNC_ENDPOINTS } from './sync-endpoints';

export * from './endpoint';
export * from './admin-endpoints';
export * from './auth-endpoints';
export * from './clinical-endpoints';
export * from './health-endpoints';
export * from './sync-endpoints';

/**
 * Every endpoint of the API but FHIR's (whose shapes are FHIR's own, modules/fhir): the API
 * registers each route from its entry, and clients build their calls from them.
 */
export const API_ENDPOINTS: readonly Endpoint[] = [
  AUTH_ENDPOINTS,
  PATIENT_ENDPOINTS,
  RECORD_ENDPOINTS,
  APPOINTMENT_ENDPOINTS,
  RESOURCE_SYNC_ENDPOINTS,
  SYNC_ENDPOINTS,
  ADMIN_ENDPOINTS,
  HEALTH_ENDPOINTS,
].flatMap((table) => Object.values(table) as Endpoint[]);
