import { entityContractNamed } from '@healthsync/contracts';
import { syncFields } from '../wire-sql';
import type { ServerEntity } from './server-entity';

export const doctorEntity: ServerEntity = {
  contract: entityContractNamed('Doctor'),
  table: 'doctor',
  scope: 'facility',
  wireColumns: [
    ...syncFields(),
    't.name',
    't.specialization',
    't.phone_number',
    't.facility_id',
    't.user_id',
  ],
  resourceTypeOf: () => 'Doctor',
};
