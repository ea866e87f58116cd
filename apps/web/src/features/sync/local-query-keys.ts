import type { EntityTable } from '@healthsync/sync-client';

/** Every local query key starts with ['local', topic]; onDataChange invalidates by topic. */
export const LOCAL_QUERY_ROOT = 'local';

/** What a local query is about: an entity table, or the conflict inbox. */
export type LocalTopic = EntityTable | 'conflicts';
