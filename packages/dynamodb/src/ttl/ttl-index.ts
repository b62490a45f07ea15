// A secondary index of expiry times, so the sweeper reads only items that are due instead of scanning tables.
// Entries live in the meta sub-db under META.ttlIndex, ordered by table and expiry second:
//   f:ttl/<tableId base36, 8>/<expiry epoch s, 16 digits>/<sha1 of the key> → the item's key.
// It is maintained from the item write listener (after each commit) and rebuilt by a bounded background scan
// when TTL is enabled and at engine start (a crash between an item commit and its index write loses at most
// that entry; the rebuild restores it).
import { createHash } from 'node:crypto';
import type { DynamoDBEngine } from '../engine.js';
import type { Item } from '../model/index.js';
import { allItems } from '../storage/items.js';
import type { TableMeta } from '../storage/types.js';
import { META, prefixEnd } from '../operations/features/support/meta-keys.js';
import { expiryOf } from './expiry.js';

const REBUILD_BATCH = 500;

export interface DueEntry {
  indexKey: string;
  expiry: number;
  key: Item;
}

export class TtlIndex {
  private readonly rebuilding = new Map<number, Promise<void>>();

  constructor(private readonly engine: DynamoDBEngine) {}

  /** Item write listener: moves the item's entry when its expiry changed. */
  readonly onWrite = (table: TableMeta, key: Item, oldItem: Item | undefined, newItem: Item | undefined): void => {
    const ttl = table.TimeToLive;
    if (!ttl?.Enabled) return;
    const before = expiryOf(oldItem, ttl.AttributeName);
    const after = expiryOf(newItem, ttl.AttributeName);
    if (before === after) return;
    if (before !== undefined) this.remove(entryKey(table.id, before, key));
    if (after !== undefined) this.put(table.id, after, key);
  };

  /** Indexes every existing item of a table whose TTL was just enabled (in bounded batches, in the background). */
  rebuild(table: TableMeta): Promise<void> {
    const running = this.rebuilding.get(table.id) ?? Promise.resolve();
    const next = running.then(() => this.indexAll(table)).catch(() => undefined);
    this.rebuilding.set(table.id, next);
    void next.then(() => {
      if (this.rebuilding.get(table.id) === next) this.rebuilding.delete(table.id);
    });
    return next;
  }

  /** Forgets every entry of a table (TTL disabled). */
  dropTable(tableId: number): void {
    const prefix = tablePrefix(tableId);
    const keys = [...this.engine.store.meta.getKeys({ start: prefix, end: prefixEnd(prefix) })];
    for (const key of keys) this.remove(key as string);
  }

  /** Entries of a table due at `nowSeconds`, earliest first, at most `limit`. */
  due(tableId: number, nowSeconds: number, limit: number): DueEntry[] {
    const prefix = tablePrefix(tableId);
    const end = `${prefix}${pad(nowSeconds + 1)}`; // every expiry second <= now
    const entries: DueEntry[] = [];
    for (const { key, value } of this.engine.store.meta.getRange({ start: prefix, end, limit })) {
      const indexKey = key as string;
      entries.push({ indexKey, expiry: Number(indexKey.slice(prefix.length, prefix.length + 16)), key: value as Item });
    }
    return entries;
  }

  remove(indexKey: string): void {
    void this.engine.store.meta.remove(indexKey).catch(() => undefined);
  }

  private put(tableId: number, expiry: number, key: Item): void {
    void this.engine.store.meta.put(entryKey(tableId, expiry, key), key).catch(() => undefined);
  }

  private async indexAll(table: TableMeta): Promise<void> {
    const attribute = table.TimeToLive?.AttributeName;
    if (!table.TimeToLive?.Enabled || !attribute) return;
    let batch = 0;
    for (const item of allItems(this.engine, table)) {
      const expiry = expiryOf(item, attribute);
      if (expiry !== undefined) this.put(table.id, expiry, keyOf(table, item));
      if (++batch % REBUILD_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export function keyOf(table: TableMeta, item: Item): Item {
  const key: Item = {};
  const hash = item[table.key.hash.name];
  if (hash) key[table.key.hash.name] = hash;
  if (table.key.range) {
    const range = item[table.key.range.name];
    if (range) key[table.key.range.name] = range;
  }
  return key;
}

const tablePrefix = (tableId: number) => `${META.ttlIndex}${tableId.toString(36).padStart(8, '0')}/`;
const pad = (seconds: number) => String(Math.max(0, Math.floor(seconds))).padStart(16, '0');

function entryKey(tableId: number, expiry: number, key: Item): string {
  return `${tablePrefix(tableId)}${pad(expiry)}/${keyDigest(key)}`;
}

/** A fixed-size digest of the key (LMDB keys are limited to 1978 bytes; DynamoDB keys can reach 3 KB). */
function keyDigest(key: Item): string {
  const canonical = JSON.stringify(Object.keys(key).sort().map((name) => [name, key[name]]));
  return createHash('sha1').update(canonical).digest('hex');
}
