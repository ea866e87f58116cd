/**
 * Version of the sync wire protocol. Bump on any incompatible change to a request or response.
 * History:
 *   1 — spec documents (per-resource sync, upload/download, sync_update), change-stamp cursors.
 */
export const SYNC_PROTOCOL_VERSION = 1;
