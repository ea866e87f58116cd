import { entityContractNamed } from '@healthsync/contracts';
import { syncFields } from '../wire-sql';
import type { ServerEntity } from './server-entity';

export const medicineEntity: ServerEntity = {
  contract: entityContractNamed('Medicine'),
  table: 'medicine',
  scope: 'global',
  wireColumns: [...syncFields(), 't.name', 't.strength', 't.form'],
  resourceTypeOf: () => 'Medicine',
};
