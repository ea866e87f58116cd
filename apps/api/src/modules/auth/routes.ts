import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AUTH_ENDPOINTS,
  ErrorBody,
  type TokenPair,
  ValidationErrorBody,
} from '@healthsync/contracts';
import { callerOf } from '../../core/caller';
import { endpointRoute } from '../../lib/endpoint-route';
import { notFound } from '../../lib/errors';
import { rotateRefreshToken, revokeRefreshFamily } from './rotate-refresh-token';
import { signIn } from './sign-in';
import type { SignInLimits } from './sign-in-throttle';
import type { DevicePolicy } from '../../env';

const errors = { 400: ValidationErrorBody, 401: ErrorBody, 429: ErrorBody };

/**
 * Sign-in, rotation and sign-out. Only sign-in is limited (sign-in-throttle.ts: failures per
 * account and per address): sync traffic must never hit a limiter.
 */
const authRoutes: FastifyPluginAsyncZod<{
  signInLimits: SignInLimits;
  devicePolicy: DevicePolicy;
}> = async (app, options) => {
  const { prisma } = app.db;
  const policy = {
    offline_sign_in_days: options.devicePolicy.offlineSignInDays,
    idle_lock_minutes: options.devicePolicy.idleLockMinutes,
  };
  const withPolicy = async (pair: Promise<TokenPair>): Promise<TokenPair> => ({
    ...(await pair),
    ...policy,
  });

  app.route({
    ...endpointRoute(AUTH_ENDPOINTS.signIn, errors),
    // request.ip: the peer, or what a trusted proxy says (TRUST_PROXY, env.ts).
    handler: (request) =>
      withPolicy(
        signIn(prisma, app.tokens, request.body, {
          limits: options.signInLimits,
          address: request.ip,
        }),
      ),
  });

  app.route({
    ...endpointRoute(AUTH_ENDPOINTS.refresh, errors),
    handler: (request) => withPolicy(rotateRefreshToken(prisma, app.tokens, request.body.refresh)),
  });

  app.route({
    ...endpointRoute(AUTH_ENDPOINTS.logout, errors),
    handler: async (request, reply) => {
      await revokeRefreshFamily(prisma, app.tokens, request.body.refresh);
      return reply.code(204).send(null);
    },
  });

  app.route({
    ...endpointRoute(AUTH_ENDPOINTS.me, { 401: ErrorBody }),
    onRequest: app.authenticate,
    handler: async (request) => {
      const caller = callerOf(request);
      const user = await prisma.user.findUnique({
        where: { id: caller.id },
        include: { facility: true },
      });
      if (!user) throw notFound('User not found.');
      return {
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        facility_id: user.facilityId,
        facility_name: user.facility.name,
        pharmacy_id: user.pharmacyId,
        doctor_id: caller.doctorId,
      };
    },
  });
};

export default authRoutes;
