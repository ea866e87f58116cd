import type { z } from 'zod';
import { FhirResourceType } from '../health-record';

/** What a download change or an upload change names: an entity type or a FHIR resource type. */
export const SyncResourceType = FhirResourceType;
export type SyncResourceType = z.infer<typeof SyncResourceType>;
