import type { PrismaClient } from '../db/prisma';

/**
 * Where a read goes: a streaming replica that has caught up, or the primary — with the watermark
 * read on the primary before (a replica cannot see the primary's writers in flight), if it was.
 */
export type ReadClient = {
  prisma: PrismaClient;
  source: 'replica' | 'primary';
  watermark?: bigint;
};

/** The reads a replica may serve (pulls, FHIR reads): `app.replicaReads`, plugins/read-replicas.ts. */
export interface ReplicaReads {
  /**
   * A client for a read that must see every change committed before this call — the caller's own
   * writes included — and at least `cursor`: a replica that has replayed the primary's WAL up to
   * where it stood after the watermark was read (waiting briefly for it), else the primary.
   * Without replicas, always the primary.
   */
  caughtUp(cursor?: bigint): Promise<ReadClient>;
  /** How many reads each side served (tests, and a glance at how much the replicas take). */
  readonly served: { replica: number; primary: number };
}
