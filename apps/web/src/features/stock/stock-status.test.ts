import { describe, expect, it } from 'vitest';
import { stockStatus } from './stock-status';

describe('stockStatus', () => {
  it('is out at 0, low below the reorder level, in stock at or above it or without one', () => {
    expect(stockStatus({ quantity_available: 0, reorder_level: 5 })).toBe('out');
    expect(stockStatus({ quantity_available: 0, reorder_level: null })).toBe('out');
    expect(stockStatus({ quantity_available: 4, reorder_level: 5 })).toBe('low');
    expect(stockStatus({ quantity_available: 5, reorder_level: 5 })).toBe('in');
    expect(stockStatus({ quantity_available: 4, reorder_level: null })).toBe('in');
    expect(stockStatus({ quantity_available: 4 })).toBe('in'); // a row from before levels existed
  });
});
