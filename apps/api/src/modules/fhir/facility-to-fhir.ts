import type { Location, Organization } from '@medplum/fhirtypes';
import type { PharmacyRow } from '../../db/prisma';
import { metaAt, metaOf, reference } from './fhir-meta';
import { LOCATION_PHYSICAL_TYPE, ORGANIZATION_TYPE, ROLE_CODE } from './fhir-systems';

export type FacilityRow = { id: string; name: string; district: string | null; createdAt: Date };

const PROVIDER = {
  coding: [{ system: ORGANIZATION_TYPE, code: 'prov', display: 'Healthcare Provider' }],
};
const BUILDING = { coding: [{ system: LOCATION_PHYSICAL_TYPE, code: 'bu', display: 'Building' }] };

/** A facility as the Organization that runs it (same id as the facility). */
export function facilityToOrganization(row: FacilityRow): Organization {
  return {
    resourceType: 'Organization',
    id: row.id,
    meta: metaAt(row.createdAt),
    active: true,
    type: [PROVIDER],
    name: row.name,
    ...(row.district ? { address: [{ district: row.district, country: 'IN' }] } : {}),
  };
}

/** A facility as the place where care happens (same id as the facility). */
export function facilityToLocation(row: FacilityRow): Location {
  return {
    resourceType: 'Location',
    id: row.id,
    meta: metaAt(row.createdAt),
    status: 'active',
    name: row.name,
    mode: 'instance',
    physicalType: BUILDING,
    ...(row.district ? { address: { district: row.district, country: 'IN' } } : {}),
    managingOrganization: reference('Organization', row.id),
  };
}

const PHARMACY = { coding: [{ system: ROLE_CODE, code: 'PHARM', display: 'Pharmacy' }] };

function pharmacyAddress(row: PharmacyRow) {
  const address = {
    ...(row.address ? { line: [row.address] } : {}),
    ...(row.village ? { city: row.village } : {}),
  };
  return Object.keys(address).length ? { ...address, country: 'IN' } : undefined;
}

/** A pharmacy as an Organization, part of its facility's when it has one. */
export function pharmacyToOrganization(row: PharmacyRow): Organization {
  const address = pharmacyAddress(row);
  return {
    resourceType: 'Organization',
    id: row.id,
    meta: metaOf(row),
    active: !row.deleted,
    type: [PROVIDER],
    name: row.name,
    ...(address ? { address: [address] } : {}),
    ...(row.facilityId ? { partOf: reference('Organization', row.facilityId) } : {}),
  };
}

/** A pharmacy as a Location of type pharmacy. */
export function pharmacyToLocation(row: PharmacyRow): Location {
  const address = pharmacyAddress(row);
  return {
    resourceType: 'Location',
    id: row.id,
    meta: metaOf(row),
    status: row.deleted ? 'inactive' : 'active',
    name: row.name,
    mode: 'instance',
    type: [PHARMACY],
    ...(address ? { address } : {}),
    managingOrganization: reference('Organization', row.id),
  };
}
