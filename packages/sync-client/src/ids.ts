import { uuidv7 } from 'uuidv7';

/** Ids made on the device: UUIDv7, so they sort by creation time and become the server ids unchanged. */
export function newId(): string {
  return uuidv7();
}
