import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SESSION_FORMAT } from './session-storage';
import { StoredSessionSchema } from './stored-session-schema';

/**
 * The stored session's shape for each SESSION_FORMAT (a hash of its JSON Schema). A record of the
 * current format is read without the schema, so a shape change must come with a new format number:
 * then records written before it are checked once and rewritten. (A zod release that writes JSON
 * Schema differently also fails this; raising the number then costs one check per phone.)
 */
const SHAPE_OF_FORMAT: Record<number, string> = {
  2: '4b4a14e3295936a3',
};

describe('SESSION_FORMAT', () => {
  it('names the stored session’s current shape', () => {
    const shape = createHash('sha256')
      .update(JSON.stringify(z.toJSONSchema(StoredSessionSchema)))
      .digest('hex')
      .slice(0, 16);
    expect(
      SHAPE_OF_FORMAT[SESSION_FORMAT],
      `StoredSession's shape changed (now ${shape}): raise SESSION_FORMAT in session-storage.ts and add the new shape here`,
    ).toBe(shape);
  });
});
