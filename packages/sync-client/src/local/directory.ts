import type { Doctor, Medicine, Pharmacy } from '@healthsync/contracts';
import { wordsOf } from './entities';
import { readCollection, searchWords } from './collection';
import type { CollectionContext, ReadCollection } from './collection';
import type { LocalRecord } from './local-row';

/** Read-only reference data: the server is the only writer. */
export interface DirectoryCollection<T> extends ReadCollection<T> {
  search(text: string): Promise<LocalRecord<T>[]>;
}

export function directoryCollections(ctx: CollectionContext): {
  doctors: DirectoryCollection<Doctor>;
  pharmacies: DirectoryCollection<Pharmacy>;
  medicines: DirectoryCollection<Medicine>;
} {
  const words = (text: string) => wordsOf(text);
  return {
    doctors: {
      ...readCollection(ctx, 'doctors'),
      search: (text) => searchWords(ctx, 'doctors', text, words),
    },
    pharmacies: {
      ...readCollection(ctx, 'pharmacies'),
      search: (text) => searchWords(ctx, 'pharmacies', text, words),
    },
    medicines: {
      ...readCollection(ctx, 'medicines'),
      search: (text) => searchWords(ctx, 'medicines', text, words),
    },
  };
}
