import { Medicine } from '../medicine';
import { defineEntity } from './entity-contract';

export const MedicineEntity = defineEntity({
  name: 'Medicine',
  schema: Medicine,
  collection: 'medicines',
  readers: 'everyone',
  uploadable: false,
});
