// The read API of items: one item by storage key (decoded, or as stored text that answers copy as it is), and the
// entries of a key range in storage order (Query and Scan pages). Keys come from storage/items-keys.ts.
import type { Database } from 'lmdb';
import type { Item } from '../model/index.js';
import type { StoredItem } from './item-codec.js';
import { fitKey } from './items-keys.js';
import type { Store } from './store.js';

/** The item stored under a storage key, decoded. */
export const getItem = (store: Store, key: Buffer): Item | undefined => store.items.get(key);

/** The item stored under a storage key, as stored text (storage/item-codec.ts). */
export const getStoredItem = (store: Store, key: Buffer): StoredItem | undefined => store.rawItems.get(key);

/** A key range of the table or of one index, walked in either direction. */
export interface PageRange {
  /** Inclusive lower bound. */
  lower: Buffer;
  /** Exclusive upper bound. */
  upper: Buffer;
  reverse: boolean;
  /** Storage key of the ExclusiveStartKey: the walk starts after it. */
  after?: Buffer;
}

/** The range's entries, decoded. Lazy: a page stops reading where it stops iterating. */
export const itemsInRange = (store: Store, range: PageRange): Iterable<{ readonly value: Item }> =>
  rangeOf(store.items, range);

/** The range's entries as stored text, for pages that return whole items (no decode). */
export const storedItemsInRange = (store: Store, range: PageRange): Iterable<{ readonly value: StoredItem }> =>
  rangeOf(store.rawItems, range);

/** The entries of the range, in the direction asked, starting after the ExclusiveStartKey. */
function rangeOf<V>(db: Database<V, Buffer>, range: PageRange) {
  const lower = fitKey(range.lower);
  const upper = fitKey(range.upper);
  if (!range.reverse) {
    const after = range.after && Buffer.compare(range.after, lower) >= 0 ? range.after : undefined;
    return db.getRange({ start: after ?? lower, end: upper, exclusiveStart: after !== undefined });
  }
  const before = range.after && Buffer.compare(range.after, upper) < 0 ? range.after : upper;
  return db.getRange({ start: before, end: lower, reverse: true, exclusiveStart: true, inclusiveEnd: true });
}
