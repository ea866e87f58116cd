import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../services/record-audit';

const DEVICE_ID = /^[\w.:-]{1,128}$/;

/** Who is writing, for the audit log: the user, the device (X-Device-Id header) and the request. */
export function actorOf(request: FastifyRequest): AuditActor {
  const device = request.headers['x-device-id'];
  const deviceId = typeof device === 'string' && DEVICE_ID.test(device) ? device : null;
  return { userId: request.authUser?.id ?? null, deviceId, requestId: String(request.id) };
}
