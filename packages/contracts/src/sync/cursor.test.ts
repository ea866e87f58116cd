import { describe, expect, it } from 'vitest';
import { INITIAL_CURSOR } from './download';
import { formatCursor, parseCursor } from './cursor';

describe('sync cursors', () => {
  it('round-trip plain and first-sync cursors', () => {
    expect(parseCursor(formatCursor(1705855530123456n))).toEqual({
      micros: 1705855530123456n,
      firstSync: false,
    });
    expect(formatCursor(1705855530123456n, true)).toBe('2024-01-21T16:45:30.123456001Z');
    expect(parseCursor(formatCursor(1705855530123456n, true))).toEqual({
      micros: 1705855530123456n,
      firstSync: true,
    });
  });

  it('treat the initial cursor as a first sync, and reject non-timestamps', () => {
    expect(parseCursor(INITIAL_CURSOR)).toEqual({ micros: 0n, firstSync: true });
    expect(parseCursor('2024-01-20')).toBeNull();
  });

  it('parse a marked cursor to the same stamp as a plain one', () => {
    expect(parseCursor(formatCursor(10n, true))?.micros).toBe(
      parseCursor(formatCursor(10n))?.micros,
    );
  });
});
