import { SignJWT, jwtVerify, errors } from 'jose';
import { z } from 'zod';
import { Role } from '@healthsync/contracts';
import type { SessionUser } from './auth-user';

const ISSUER = 'healthsync';
const ALGORITHM = 'HS256';

const AccessClaims = z.object({
  sub: z.uuid(),
  typ: z.literal('access'),
  usr: z.string(),
  role: Role,
  fac: z.uuid(),
  // Absent when null: the token rides on every sync request, 2G uplink included.
  pha: z.uuid().nullish(),
  doc: z.uuid().nullish(),
  /** The user's session version (plugins/session-versions.ts); absent when 0. */
  sv: z.number().int().nonnegative().optional(),
});

const RefreshClaims = z.object({
  sub: z.uuid(),
  typ: z.literal('refresh'),
  jti: z.uuid(),
  fam: z.uuid(),
});
export type RefreshClaims = z.infer<typeof RefreshClaims>;

export type TokenSigner = ReturnType<typeof createTokenSigner>;

/** HS256 JWTs: short-lived access tokens, long-lived refresh tokens tracked in the database. */
export function createTokenSigner(options: {
  secret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}) {
  const key = new TextEncoder().encode(options.secret);

  async function verifyClaims(token: string): Promise<Record<string, unknown> | null> {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: [ALGORITHM] });
      return payload as Record<string, unknown>;
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }

  return {
    refreshTtlSeconds: options.refreshTtlSeconds,

    signAccess(user: SessionUser): Promise<string> {
      return new SignJWT({
        typ: 'access',
        usr: user.username,
        role: user.role,
        fac: user.facilityId,
        ...(user.pharmacyId ? { pha: user.pharmacyId } : {}),
        ...(user.doctorId ? { doc: user.doctorId } : {}),
        ...(user.sessionVersion ? { sv: user.sessionVersion } : {}),
      })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${options.accessTtlSeconds}s`)
        .sign(key);
    },

    signRefresh(claims: { userId: string; tokenId: string; familyId: string }): Promise<string> {
      return new SignJWT({ typ: 'refresh', fam: claims.familyId })
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(claims.userId)
        .setJti(claims.tokenId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${options.refreshTtlSeconds}s`)
        .sign(key);
    },

    /** The user of a valid access token, or null for anything else (expired, tampered, refresh…). */
    async verifyAccess(token: string): Promise<SessionUser | null> {
      const claims = AccessClaims.safeParse(await verifyClaims(token));
      if (!claims.success) return null;
      const c = claims.data;
      return {
        id: c.sub,
        username: c.usr,
        role: c.role,
        facilityId: c.fac,
        pharmacyId: c.pha ?? null,
        doctorId: c.doc ?? null,
        sessionVersion: c.sv ?? 0,
      };
    },

    async verifyRefresh(token: string): Promise<RefreshClaims | null> {
      const claims = RefreshClaims.safeParse(await verifyClaims(token));
      return claims.success ? claims.data : null;
    },
  };
}
