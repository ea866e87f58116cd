import { FacilityInput, type Facility } from '@healthsync/contracts';
import type { Db } from '../db/prisma';
import { createFacility } from '../modules/admin/manage-directory';
import type { WriteContext } from '../core/write-context';
import { CliError } from './run-command';
import { checked } from './checked';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The facility `--facility` names, by id or exact name. On a database without any facility it is
 * created (the first administrator's first step); otherwise an unknown name is an error, so a typo
 * never makes a second facility.
 */
export async function facilityForNewUser(
  tx: Db,
  ctx: WriteContext,
  ref: string,
  district: string | undefined,
): Promise<{ facility: { id: string; name: string }; created: boolean }> {
  const matches = await tx.facility.findMany({
    where: UUID.test(ref) ? { id: ref } : { name: ref },
    select: { id: true, name: true },
  });
  if (matches.length > 1)
    throw new CliError(`Several facilities are named "${ref}": give the id instead.`);
  if (matches[0]) return { facility: matches[0], created: false };
  const known = await tx.facility.findMany({ select: { id: true, name: true }, take: 50 });
  if (known.length > 0) {
    const list = known.map((f) => `  ${f.id}  ${f.name}`).join('\n');
    throw new CliError(
      `No facility "${ref}". Known facilities:\n${list}\nCreate a new one with pnpm facility:create --name "…".`,
    );
  }
  const facility: Facility = await createFacility(
    tx,
    ctx,
    checked(FacilityInput, { name: ref, district }),
  );
  return { facility, created: true };
}
