/** One collection for every document type, like the PouchDB database and our single feed. */
export const DOC_SCHEMA = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    type: { type: 'string' },
  },
  required: ['id'],
};
