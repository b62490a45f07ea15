// A secondary index of expiry times, so the sweeper reads only items that are due instead of scanning tables.
// Entries live in the meta sub-db under META.ttlIndex, ordered by table and expiry second:
//   f:ttl/<tableId base36, 8>/<expiry epoch s, 16 digits>/<sha1 of the key> → the item's key.
// It is maintained from the item write listener (after each commit, in the next group commit:
// storage/group-commit.ts) and rebuilt by a bounded background scan when TTL is enabled and at engine start (a
// crash between an item commit and its index write loses at most that entry; the rebuild restores it).
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
  private readonly jobs = new Map<number, Promise<void>>();

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
    return this.serialize(table.id, () => this.indexAll(table));
  }

  /** Forgets every entry of a table (TTL disabled, table deleted), after any rebuild queued before it. */
  dropTable(tableId: number): Promise<void> {
    return this.serialize(tableId, async () => {
      const prefix = tablePrefix(tableId);
      const { meta, writes } = this.engine.store;
      const keys = [...meta.getKeys({ start: prefix, end: prefixEnd(prefix) })];
      await writes.run(() => keys.forEach((key) => meta.remove(key)));
    });
  }

  /** Rebuilds and drops of one table run one after the other, so a drop is never undone by a late rebuild. */
  private serialize(tableId: number, job: () => Promise<void>): Promise<void> {
    const previous = this.jobs.get(tableId) ?? Promise.resolve();
    const next = previous.then(job).catch(() => undefined);
    this.jobs.set(tableId, next);
    void next.then(() => {
      if (this.jobs.get(tableId) === next) this.jobs.delete(tableId);
    });
    return next;
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
    const { meta, writes } = this.engine.store;
    void writes.run(() => meta.remove(indexKey)).catch(() => undefined);
  }

  private put(tableId: number, expiry: number, key: Item): void {
    const { meta, writes } = this.engine.store;
    void writes.run(() => meta.put(entryKey(tableId, expiry, key), key)).catch(() => undefined);
  }

  private async indexAll(table: TableMeta): Promise<void> {
    const attribute = table.TimeToLive?.AttributeName;
    if (!table.TimeToLive?.Enabled || !attribute) return;
    const { meta, writes } = this.engine.store;
    let pending: [string, Item][] = [];
    const commit = (entries: [string, Item][]) => writes.run(() => entries.forEach(([k, key]) => meta.put(k, key)));
    for (const item of allItems(this.engine, table)) {
      const expiry = expiryOf(item, attribute);
      if (expiry === undefined) continue;
      const key = keyOf(table, item);
      pending.push([entryKey(table.id, expiry, key), key]);
      if (pending.length === REBUILD_BATCH) {
        await commit(pending); // committed, so a later dropTable sees (and removes) them
        pending = [];
      }
    }
    if (pending.length > 0) await commit(pending);
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
  const canonical = JSON.stringify(
    Object.keys(key)
      .sort()
      .map((name) => [name, key[name]]),
  );
  return createHash('sha1').update(canonical).digest('hex');
}
