import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '@healthsync/contracts';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { SessionUser } from '../../core/auth-user';
import { issueTokenPair } from './issue-token-pair';
import { rotateRefreshToken } from './rotate-refresh-token';

/**
 * Issue 13, item 8: refresh-token rotation is atomic. A refresh token works once; presenting a
 * used one revokes its family. However a replay interleaves with a rotation, no token of a revoked
 * family stays usable: real concurrent requests against the real app (PostgreSQL interleaves them
 * freely; PGlite runs one query at a time), and the replay forced into the gap between the
 * rotation's read and its write through the rotation's test seam (both databases).
 */
let t: TestApp;
let user: SessionUser;
/** Rounds per scenario: each round races once; one lost race fails the test. */
const ROUNDS = 12;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.authUser('worker');
});
afterAll(() => t?.close());

const refresh = (token: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/token/refresh/', payload: { refresh: token } });

/**
 * Sends a refresh after `turns` turns of the event loop. Round by round the requests start at
 * other offsets from each other, either one first (on PGlite, whose one connection runs
 * queries in arrival order, only the offsets decide how they interleave).
 */
async function refreshAfter(turns: number, token: string) {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
  return refresh(token);
}

/** Offsets of round `round` for two requests: one of them waits 0…ROUNDS/2 turns. */
const offsets = (round: number): [number, number] => {
  const shift = round - Math.floor(ROUNDS / 2);
  return [Math.max(0, -shift), Math.max(0, shift)];
};

/** A signed-in session (a new family), issued as sign-in issues it. */
const newSession = () => issueTokenPair(t.database.prisma, t.app.tokens, user);

/** Families with a revoked token and a token that still works. */
async function liveTokensInRevokedFamilies(): Promise<number> {
  const rows = await t.database.query<{ families: number }>(
    `SELECT count(*)::int AS families FROM (
       SELECT family_id FROM refresh_token GROUP BY family_id
       HAVING bool_or(revoked_at IS NOT NULL)
          AND bool_or(revoked_at IS NULL AND used_at IS NULL AND expires_at > now())) AS f`,
  );
  return rows[0]!.families;
}

describe('refresh-token rotation under concurrent replay', () => {
  it('the same token sent three times at once: one pair is issued, and the family dies', async () => {
    const winners: TokenPair[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const session = await newSession();
      const [first, second] = offsets(round);
      const results = await Promise.all([
        refreshAfter(first, session.refresh),
        refreshAfter(second, session.refresh),
        refreshAfter(first + second, session.refresh),
      ]);
      const ok = results.filter((r) => r.statusCode === 200);
      expect(ok).toHaveLength(1);
      winners.push(ok[0]!.json<TokenPair>());
    }
    expect(await liveTokensInRevokedFamilies()).toBe(0);
    for (const pair of winners) expect((await refresh(pair.refresh)).statusCode).toBe(401);
  }, 120_000);

  it('a replay of an old token racing the rotation of the current one: the family dies', async () => {
    const newest: TokenPair[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const stolen = await newSession();
      const current = (await refresh(stolen.refresh)).json<TokenPair>();
      const [first, second] = offsets(round);
      const [rotation, replay] = await Promise.all([
        refreshAfter(first, current.refresh),
        refreshAfter(second, stolen.refresh),
      ]);
      expect(replay.statusCode).toBe(401);
      if (rotation.statusCode === 200) newest.push(rotation.json<TokenPair>());
    }
    expect(await liveTokensInRevokedFamilies()).toBe(0);
    for (const pair of newest) expect((await refresh(pair.refresh)).statusCode).toBe(401);
  }, 120_000);
});

describe('a replay in the gap between the rotation reading the token and storing its successor', () => {
  /** Rotates `token` with the replay of `replayed` sent through the app inside the gap. */
  async function rotateWithReplayInGap(token: string, replayed: string) {
    let replayStatus = 0;
    const rotation = await rotateRefreshToken(t.database.prisma, t.app.tokens, token, {
      beforeIssue: async () => {
        replayStatus = (await refresh(replayed)).statusCode;
      },
    }).then(
      (pair) => ({ ok: true as const, pair }),
      () => ({ ok: false as const }),
    );
    return { rotation, replayStatus };
  }

  it('the same token: whichever wins, its successor dies with the family', async () => {
    const session = await newSession();
    const { rotation, replayStatus } = await rotateWithReplayInGap(
      session.refresh,
      session.refresh,
    );
    expect(replayStatus).not.toBe(0); // the seam ran
    expect([rotation.ok, replayStatus === 200].filter(Boolean)).toHaveLength(1);
    if (rotation.ok) expect((await refresh(rotation.pair.refresh)).statusCode).toBe(401);
    expect(await liveTokensInRevokedFamilies()).toBe(0);
  });

  it('an old token: the successor the rotation stores is revoked too', async () => {
    const stolen = await newSession();
    const current = (await refresh(stolen.refresh)).json<TokenPair>();
    const { rotation, replayStatus } = await rotateWithReplayInGap(current.refresh, stolen.refresh);
    expect(replayStatus).toBe(401);
    if (rotation.ok) expect((await refresh(rotation.pair.refresh)).statusCode).toBe(401);
    expect(await liveTokensInRevokedFamilies()).toBe(0);
  });
});
