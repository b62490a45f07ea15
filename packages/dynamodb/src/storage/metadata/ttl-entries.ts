// The TTL expiry index's entries in the meta sub-db, ordered by table and expiry second:
//   f:ttl/<tableId base36, 8>/<expiry epoch s, 16 digits>/<sha1 of the key> → the item's key.
// What goes in and when is ttl/ttl-index.ts's business; this is only where and how.
import { createHash } from 'node:crypto';
import type { Item } from '../../model/index.js';
import type { Store } from '../store.js';
import { META, prefixEnd } from './keys.js';

export interface DueEntry {
  /** The entry's own key, for remove(). */
  indexKey: string;
  expiry: number;
  key: Item;
}

const tablePrefix = (tableId: number) => `${META.ttlIndex}${tableId.toString(36).padStart(8, '0')}/`;
const pad = (seconds: number) => String(Math.max(0, Math.floor(seconds))).padStart(16, '0');

export function ttlEntryKey(tableId: number, expiry: number, key: Item): string {
  return `${tablePrefix(tableId)}${pad(expiry)}/${keyDigest(key)}`;
}

/** A fixed-size digest of the key (LMDB keys are limited to 1978 bytes; DynamoDB keys can reach 3 KB). */
function keyDigest(key: Item): string {
  const canonical = JSON.stringify(
    Object.keys(key)
      .sort()
      .map((name) => [name, key[name]]),
  );
  return createHash('sha1').update(canonical).digest('hex');
}

export class TtlEntries {
  constructor(private readonly store: Store) {}

  /** Entries of a table due at `nowSeconds`, earliest first, at most `limit`. */
  due(tableId: number, nowSeconds: number, limit: number): DueEntry[] {
    const prefix = tablePrefix(tableId);
    const end = `${prefix}${pad(nowSeconds + 1)}`; // every expiry second <= now
    const entries: DueEntry[] = [];
    for (const { key, value } of this.store.meta.getRange({ start: prefix, end, limit })) {
      const indexKey = key as string;
      entries.push({ indexKey, expiry: Number(indexKey.slice(prefix.length, prefix.length + 16)), key: value as Item });
    }
    return entries;
  }

  /** Stores entries (each an item key under its expiry), committed with the next group. */
  put(tableId: number, entries: readonly { expiry: number; key: Item }[]): Promise<void> {
    const { meta, writes } = this.store;
    return writes.run(() => entries.forEach((e) => void meta.put(ttlEntryKey(tableId, e.expiry, e.key), e.key)));
  }

  remove(indexKey: string): Promise<void> {
    const { meta, writes } = this.store;
    return writes.run(() => void meta.remove(indexKey));
  }

  /** Forgets every entry of a table. */
  async dropTable(tableId: number): Promise<void> {
    const prefix = tablePrefix(tableId);
    const { meta, writes } = this.store;
    const keys = [...meta.getKeys({ start: prefix, end: prefixEnd(prefix) })];
    await writes.run(() => keys.forEach((key) => meta.remove(key)));
  }
}
