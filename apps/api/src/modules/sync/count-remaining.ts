import type { PrismaClient } from '../../db/prisma';
import { prepared } from '../../db/prepared-statements';
import { entityNamed } from './entities/registry';
import { scopeFacility } from './sync-scope';
import { changedRowsSql, exitEntities, type PullRequest, type Sql } from './pull-changes';

/** Enough for any progress bar; stops a huge backlog from costing a full count per page. */
const COUNT_CAP = 1_000_000;

/**
 * About how many rows of the caller's scope a pull still has to fetch after `afterMicros` (the
 * next page's cursor): the progress estimate of a long sync (X-Sync-Remaining). Read outside the
 * page's snapshot, so it may be off by what was committed meanwhile — it is only an estimate.
 */
export async function countRemainingChanges(
  prisma: PrismaClient,
  pull: PullRequest,
  afterMicros: bigint,
): Promise<number> {
  const { text, params } = remainingSql(pull, afterMicros);
  const [row] = await prisma.$queryRawUnsafe<{ remaining: bigint }[]>(prepared(text), ...params);
  return Number(row?.remaining ?? 0);
}

/** The query of countRemainingChanges. */
export function remainingSql(pull: PullRequest, afterMicros: bigint): Sql {
  const params: unknown[] = [afterMicros];
  const first = pull.firstSync ?? pull.sinceMicros === 0n;
  const parts = pull.entities.map((entity) => {
    const { table } = entityNamed(entity);
    const live = first ? ' AND NOT deleted' : '';
    return `SELECT 1 FROM "${table}" WHERE ${changedRowsSql(pull, entity, params).where}${live}`;
  });
  const exits = exitEntities(pull);
  if (!first && exits.length) {
    params.push(scopeFacility(pull.user));
    const types = exits.map((e) => `'${e}'`).join(', ');
    parts.push(
      `SELECT 1 FROM scope_exit WHERE stamp > $1 AND facility_id = $${params.length}::uuid AND entity_type IN (${types})`,
    );
  }
  return {
    text: `SELECT count(*) AS remaining FROM (${parts.join(' UNION ALL ')} LIMIT ${COUNT_CAP}) AS rest`,
    params,
  };
}
