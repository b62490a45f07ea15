// Reading one item by storage key as the answer will carry it: its JSON text. Whole items go out as stored
// (storage/item-codec.ts), with no decode and no re-serialisation; projected ones are decoded, projected and
// serialised. Used by the reads that answer with item texts in pieces (operations/wire-body.ts).
import { itemSize, type Item } from '../model/index.js';
import { storedJson, storedSize } from './item-codec.js';
import type { Store } from './store.js';

export interface ItemJson {
  /** The item's JSON as the answer carries it (projected when asked). */
  json: string;
  /** The stored item's size: what the read consumes. */
  size: number;
  /** The size of what is returned (the projection's, when there is one): what counts towards response limits. */
  returnedSize: number;
}

/** A reader of items by storage key; undefined for a key with no item. */
export type ItemJsonReader = (key: Buffer) => ItemJson | undefined;

/** A projection (ProjectionExpression / AttributesToGet), as operations compile it. */
export interface ItemProjection {
  apply(item: Item): Item;
}

export function itemJsonReader(store: Store, projection: ItemProjection | undefined): ItemJsonReader {
  if (!projection) {
    return (key) => {
      const stored = store.rawItems.get(key);
      if (stored === undefined) return undefined;
      const size = storedSize(stored);
      return { json: storedJson(stored), size, returnedSize: size };
    };
  }
  return (key) => {
    const item = store.items.get(key);
    if (item === undefined) return undefined;
    const out = projection.apply(item);
    return { json: JSON.stringify(out), size: itemSize(item), returnedSize: itemSize(out) };
  };
}
