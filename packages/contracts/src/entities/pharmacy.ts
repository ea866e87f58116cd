import { Pharmacy } from '../pharmacy';
import { defineEntity } from './entity-contract';

export const PharmacyEntity = defineEntity({
  name: 'Pharmacy',
  schema: Pharmacy,
  collection: 'pharmacies',
  readers: 'everyone',
  uploadable: false,
});
