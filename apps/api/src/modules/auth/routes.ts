import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CurrentUser,
  ErrorBody,
  RefreshRequest,
  TokenPair,
  TokenRequest,
  ValidationErrorBody,
} from '@healthsync/contracts';
import { callerOf } from '../../core/caller';
import { notFound } from '../../lib/errors';
import { rotateRefreshToken, revokeRefreshFamily } from './rotate-refresh-token';
import { signIn } from './sign-in';
import type { SignInLimits } from './sign-in-throttle';
import type { DevicePolicy } from '../../env';

const tags = ['auth'];
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

  app.post('/api/auth/token/', {
    schema: {
      tags,
      summary: 'Sign in: trade a username and password for tokens',
      body: TokenRequest,
      response: { 200: TokenPair, ...errors },
    },
    // request.ip: the peer, or what a trusted proxy says (TRUST_PROXY, env.ts).
    handler: (request) =>
      withPolicy(
        signIn(prisma, app.tokens, request.body, {
          limits: options.signInLimits,
          address: request.ip,
        }),
      ),
  });

  app.post('/api/auth/token/refresh/', {
    schema: {
      tags,
      summary: 'Trade a refresh token for a new pair (each refresh token works once)',
      body: RefreshRequest,
      response: { 200: TokenPair, ...errors },
    },
    handler: (request) =>
      withPolicy(rotateRefreshToken(prisma, app.tokens, request.body.refresh)),
  });

  app.post('/api/auth/logout/', {
    schema: {
      tags,
      summary: 'Revoke a refresh token and its family',
      body: RefreshRequest,
      response: { 204: z.null(), ...errors },
    },
    handler: async (request, reply) => {
      await revokeRefreshFamily(prisma, app.tokens, request.body.refresh);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/auth/me/', {
    onRequest: app.authenticate,
    schema: { tags, summary: 'The signed-in user', response: { 200: CurrentUser, 401: ErrorBody } },
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
