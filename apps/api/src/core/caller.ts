import type { FastifyRequest } from 'fastify';
import { AUTH_MESSAGES, HealthSyncError } from '@healthsync/contracts';
import type { SessionUser } from './auth-user';

/** The caller, for handlers behind `authenticate` (plugins/auth sets `request.authUser`). */
export function callerOf(request: FastifyRequest): SessionUser {
  if (!request.authUser)
    throw new HealthSyncError('NOT_AUTHENTICATED', AUTH_MESSAGES.NOT_AUTHENTICATED);
  return request.authUser;
}
