import type { FastifyRequest } from 'fastify';
import { requestHeader, WIRE_HEADERS } from '@healthsync/contracts';
import type { AuditActor } from '../core/record-audit';

const DEVICE_ID = /^[\w.:-]{1,128}$/;

/** Who is writing, for the audit log: the user, the device (X-Device-Id header) and the request. */
export function actorOf(request: FastifyRequest): AuditActor {
  const device = request.headers[requestHeader(WIRE_HEADERS.deviceId)];
  const deviceId = typeof device === 'string' && DEVICE_ID.test(device) ? device : null;
  return { userId: request.authUser?.id ?? null, deviceId, requestId: String(request.id) };
}
