import { entityContractNamed } from '@healthsync/contracts';
import { syncFields } from '../wire-sql';
import type { ServerEntity } from './server-entity';

export const pharmacyEntity: ServerEntity = {
  contract: entityContractNamed('Pharmacy'),
  table: 'pharmacy',
  scope: 'global',
  wireColumns: [...syncFields(), 't.name', 't.address', 't.village', 't.facility_id'],
  resourceTypeOf: () => 'Pharmacy',
};
