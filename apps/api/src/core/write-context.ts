import type { AuthUser } from './auth-user';
import type { AuditActor } from './record-audit';

/** Who writes, for every service that writes: the caller, the audit actor, and a sync's time. */
export type WriteContext = { user: AuthUser; actor: AuditActor; syncedAt?: Date };
