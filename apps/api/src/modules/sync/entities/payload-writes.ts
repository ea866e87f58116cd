import type { z } from 'zod';
import type { Db } from '../../../db/prisma';
import type { WriteContext } from '../../../core/write-context';
import { parsePayload, withoutServerFields } from '../upload/parse-payload';
import type { EntityWrites, WireRow } from './server-entity';

/**
 * The writes of an entity whose uploaded payloads are its REST bodies: a create checked by
 * `input`, an update by `patch` once the fields no edit changes (`fixed`) are dropped, each applied
 * by the service the REST routes use.
 */
export function payloadWrites<I extends z.ZodType, P extends z.ZodType>(writes: {
  input: I;
  patch: P;
  fixed?: readonly string[];
  create(tx: Db, ctx: WriteContext, body: z.output<I>): Promise<WireRow>;
  update(tx: Db, ctx: WriteContext, id: string, patch: z.output<P>): Promise<WireRow>;
  remove(tx: Db, ctx: WriteContext, id: string): Promise<WireRow>;
}): EntityWrites {
  const fixed = new Set(writes.fixed);
  return {
    create: (tx, ctx, payload) =>
      writes.create(tx, ctx, parsePayload(writes.input, withoutServerFields(payload))),
    validateUpdate: (payload) =>
      parsePayload(
        writes.patch,
        Object.fromEntries(
          Object.entries(withoutServerFields(payload)).filter(([key]) => !fixed.has(key)),
        ),
      ),
    update: (tx, ctx, id, validated) => writes.update(tx, ctx, id, validated as z.output<P>),
    remove: (tx, ctx, id) => writes.remove(tx, ctx, id),
  };
}
