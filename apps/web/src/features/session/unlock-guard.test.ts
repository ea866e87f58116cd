import { describe, expect, it } from 'vitest';
import { UnlockGuard } from './unlock-guard';

describe('unlock guard', () => {
  it('takes a PIN of 6+ digits only, and checks it', async () => {
    const guard = new UnlockGuard();
    await expect(guard.setPin('12345')).rejects.toThrow();
    await expect(guard.setPin('12345a')).rejects.toThrow();
    await guard.setPin('246810');
    expect(await guard.checkPin('246810')).toBe(true);
    expect(await guard.checkPin('246811')).toBe(false);
  });

  it('wants the password after 5 wrong tries and an online sign-in after 10', async () => {
    const guard = new UnlockGuard();
    await guard.setPin('246810');
    const outcomes = Array.from({ length: 10 }, () => guard.failed());
    expect(outcomes.slice(0, 4)).toEqual(['retry', 'retry', 'retry', 'retry']);
    expect(outcomes.slice(4, 9)).toEqual(Array(5).fill('password'));
    expect(outcomes[9]).toBe('online');
    expect(guard.pinAllowed).toBe(false);
    expect(await guard.checkPin('246810')).toBe(false);
  });

  it('starts counting again after a success', async () => {
    const guard = new UnlockGuard();
    await guard.setPin('246810');
    for (let i = 0; i < 4; i++) guard.failed();
    guard.succeeded();
    expect(guard.failed()).toBe('retry');
    expect(guard.pinAllowed).toBe(true);
  });
});
