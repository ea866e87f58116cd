import { describe, expect, it } from 'vitest';
import { tooDeepField } from './json-depth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('tooDeepField', () => {
  it('lets JSON within the bound through, whatever its strings hold', () => {
    expect(tooDeepField(`{"a":${nested(3)}}`, 4)).toBeUndefined();
    expect(tooDeepField('{"a":"[[[[[[[[{{{{{{{{","b":"\\"[[[[[["}', 2)).toBeUndefined();
    expect(tooDeepField('not json at all', 1)).toBeUndefined();
  });

  it('names the field holding the value that nests too deep', () => {
    expect(tooDeepField(`{"a":${nested(4)}}`, 4)).toBe('a');
    expect(tooDeepField(`{"a":1,"b":{"c\\"d":{"e":${nested(10)}}}}`, 5)).toBe('b.c"d.e');
    expect(tooDeepField(`{"changes":[{},{"payload":${nested(9)}}]}`, 6)).toBe('changes.1.payload');
    expect(tooDeepField(nested(10), 5)).toBe('body');
    expect(tooDeepField('{"a":'.repeat(20) + '1' + '}'.repeat(20), 10)).toBe('a.a.a.a.a.a.a.a');
  });

  it('reads a million levels in one pass without building them', () => {
    expect(tooDeepField(`{"username":${nested(1_000_000)}}`, 64)).toBe('username');
  });
});
