import { describe, expect, it } from 'vitest';
import { SessionVersionCache, type SessionState } from './session-versions';

/**
 * The cache's ordering rules, with the database read held open by the test: which read finishes
 * first is the one fault we need to control here (the database parts run in revocation.test.ts).
 */
function setup() {
  let stored: SessionState = { version: 0, active: true };
  const pending: (() => void)[] = [];
  let reads = 0;
  let holdReads = false;
  let now = 0;
  const cache = new SessionVersionCache(
    async () => {
      reads += 1;
      const seen = stored; // what the database answered when the read ran
      if (holdReads) await new Promise<void>((resolve) => pending.push(resolve));
      return seen;
    },
    { maxAgeMs: 60_000, maxEntries: 10, now: () => now },
  );
  cache.trust();
  return {
    cache,
    set: (state: SessionState) => (stored = state),
    hold: (on: boolean) => (holdReads = on),
    release: () => pending.splice(0).forEach((resolve) => resolve()),
    reads: () => reads,
    advance: (ms: number) => (now += ms),
  };
}

describe('session version cache', () => {
  it('answers a known session from memory', async () => {
    const s = setup();
    expect(await s.cache.isCurrent('u', 0)).toBe(true);
    expect(await s.cache.isCurrent('u', 0)).toBe(true);
    expect(s.reads()).toBe(1);
  });

  it('does not keep a version read before a revocation that arrived while reading', async () => {
    const s = setup();
    s.hold(true);
    const racing = s.cache.isCurrent('u', 0); // reads version 0 …
    s.set({ version: 1, active: true }); // … the revocation commits …
    s.cache.forget('u'); // … and its notification arrives before the read returns
    s.release();
    expect(await racing).toBe(true); // that request began before the revocation
    s.hold(false);
    expect(await s.cache.isCurrent('u', 0)).toBe(false); // but nothing stale was kept
  });

  it('drops everything when notifications may have been missed, and reads through meanwhile', async () => {
    const s = setup();
    expect(await s.cache.isCurrent('u', 0)).toBe(true);
    s.cache.distrust();
    s.set({ version: 1, active: true }); // a change whose notification is lost
    expect(await s.cache.isCurrent('u', 0)).toBe(false);
    s.set({ version: 2, active: true });
    expect(await s.cache.isCurrent('u', 1)).toBe(false); // not cached while untrusted
    s.cache.trust();
    expect(await s.cache.isCurrent('u', 2)).toBe(true);
  });

  it('reads again for a token newer than what it remembers, and after maxAgeMs', async () => {
    const s = setup();
    expect(await s.cache.isCurrent('u', 0)).toBe(true);
    s.set({ version: 1, active: true }); // changed elsewhere; the notification is late
    expect(await s.cache.isCurrent('u', 1)).toBe(true); // a token issued after that change
    s.set({ version: 2, active: false }); // deactivated; this notification is lost
    s.advance(60_000);
    expect(await s.cache.isCurrent('u', 1)).toBe(false);
  });
});
