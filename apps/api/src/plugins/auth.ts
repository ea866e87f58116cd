import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_MESSAGES, HealthSyncError, type Role } from '@healthsync/contracts';
import type { SessionUser } from '../core/auth-user';
import { callerOf } from '../core/caller';
import { createTokenSigner, type TokenSigner } from '../core/token-signer';

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenSigner;
    /** onRequest hook: 401 unless the request carries a valid access token of a current session. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** preHandler factory: 403 unless the caller has one of the roles. */
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    authUser: SessionUser | null;
  }
}

export default fp(
  async function authPlugin(
    app: FastifyInstance,
    options: { jwtSecret: string; accessTtlSeconds: number; refreshTtlSeconds: number },
  ) {
    app.decorate(
      'tokens',
      createTokenSigner({
        secret: options.jwtSecret,
        accessTtlSeconds: options.accessTtlSeconds,
        refreshTtlSeconds: options.refreshTtlSeconds,
      }),
    );
    app.decorateRequest('authUser', null);

    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization;
      const [scheme, token] = header?.split(' ') ?? [];
      if (!header || scheme?.toLowerCase() !== 'bearer') {
        reply.header('WWW-Authenticate', 'Bearer realm="api"');
        throw new HealthSyncError('NOT_AUTHENTICATED', AUTH_MESSAGES.NOT_AUTHENTICATED);
      }
      const user = token ? await app.tokens.verifyAccess(token) : null;
      if (!user) {
        reply.header('WWW-Authenticate', 'Bearer realm="api"');
        throw new HealthSyncError('TOKEN_INVALID', AUTH_MESSAGES.TOKEN_INVALID, {
          code: 'token_not_valid',
        });
      }
      if (!(await app.sessions.isCurrent(user.id, user.sessionVersion))) {
        reply.header('WWW-Authenticate', 'Bearer realm="api", error="invalid_token"');
        throw new HealthSyncError('SESSION_REVOKED', AUTH_MESSAGES.SESSION_REVOKED, {
          code: 'token_not_valid',
        });
      }
      request.authUser = user;
    });

    app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
      if (!roles.includes(callerOf(request).role)) {
        throw new HealthSyncError(
          'PERMISSION_DENIED',
          'You do not have permission to perform this action.',
        );
      }
    });
  },
  { name: 'auth', dependencies: ['sessions'] },
);
