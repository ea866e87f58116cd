/** Code systems and identifier systems the FHIR forms use: one definition each. */

/** ABHA number (Ayushman Bharat Health Account, 14 digits), as the ABDM FHIR IG (NRCeS) names it. */
export const ABHA_NUMBER_SYSTEM = 'https://healthid.ndhm.gov.in';
/** ABHA address (`name@abdm`). */
export const ABHA_ADDRESS_SYSTEM = 'https://healthid.ndhm.gov.in/abha-address';
/** Keys of a patient's `identifiers` read as an ABHA number or address. */
export const ABHA_NUMBER_KEYS = ['abha', 'abha_number', 'abhaNumber', 'health_id_number'];
export const ABHA_ADDRESS_KEYS = ['abha_address', 'abhaAddress', 'health_id'];
/** Any other key of `identifiers` becomes `urn:healthsync:identifier:<key>`. */
export const LOCAL_IDENTIFIER_PREFIX = 'urn:healthsync:identifier:';
/** Tags a record whose `data` is not a FHIR resource (exported as `Basic`). */
export const NOT_FHIR_TAG = { system: 'urn:healthsync:tag', code: 'not-fhir' } as const;
/** A HealthRecord's own resource_type, for records exported as `Basic`. */
export const RECORD_TYPE_SYSTEM = 'urn:healthsync:record-type';

export const V2_IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
export const LOCATION_PHYSICAL_TYPE =
  'http://terminology.hl7.org/CodeSystem/location-physical-type';
export const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
