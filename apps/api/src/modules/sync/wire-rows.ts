import { entityNamed } from './entities/registry';
import type { StoredEntity } from './entities/server-entity';

const columnsOf = (entity: StoredEntity) => entityNamed(entity).wireColumns.join(', ');

/** SQL for the wire JSON (text) of the row aliased `t` in the enclosing query, e.g. one just written. */
export function wireJsonOfRowSql(entity: StoredEntity): string {
  return `(SELECT row_to_json(w)::text FROM (SELECT ${columnsOf(entity)}) w)`;
}

/** SQL for the wire JSON (text) of the entity's row whose id is `idSql`; NULL if there is none. */
export function wireRowSql(entity: StoredEntity, idSql: string): string {
  return `(SELECT row_to_json(w)::text FROM (SELECT ${columnsOf(entity)} FROM "${entityNamed(entity).table}" t WHERE t.id = ${idSql}) w)`;
}
