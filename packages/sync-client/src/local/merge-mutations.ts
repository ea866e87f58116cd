import type { Operation } from './outbox-entry';

export interface MutationBody {
  operation: Operation;
  payload: Record<string, unknown>;
}

/**
 * One mutation equivalent to `first` then `second` on the same row, or 'cancel' when together they
 * leave nothing to send (a create the server never saw, then a delete).
 */
export function mergeMutations(first: MutationBody, second: MutationBody): MutationBody | 'cancel' {
  if (first.operation === 'delete') throw new Error('A deleted row cannot be edited');
  if (second.operation === 'create') throw new Error('A row cannot be created twice');
  if (second.operation === 'delete') {
    return first.operation === 'create' ? 'cancel' : { operation: 'delete', payload: {} };
  }
  return { operation: first.operation, payload: { ...first.payload, ...second.payload } };
}
