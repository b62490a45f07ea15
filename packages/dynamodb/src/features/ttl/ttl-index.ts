// A secondary index of expiry times, so the sweeper reads only items that are due instead of scanning tables.
// Its entries live in the metadata store (storage/metadata/ttl-entries.ts), ordered by table and expiry second.
// It is maintained from the item write listener (after each commit, in the next group commit:
// storage/group-commit.ts) and rebuilt by a bounded background scan when TTL is enabled and at engine start (a
// crash between an item commit and its index write loses at most that entry; the rebuild restores it).
import type { DynamoDBEngine } from '../../engine.js';
import type { Item } from '../../model/index.js';
import type { ItemChange } from '../../storage/change-hooks.js';
import { allItems } from '../../storage/items.js';
import { keyOf } from '../../storage/items-keys.js';
import type { DueEntry, TtlEntries } from '../../storage/metadata/ttl-entries.js';
import { ttlEntryKey } from '../../storage/metadata/ttl-entries.js';
import type { TableMeta } from '../../storage/types.js';
import { expiryOf } from './expiry.js';

export type { DueEntry } from '../../storage/metadata/ttl-entries.js';

const REBUILD_BATCH = 500;

export class TtlIndex {
  private readonly jobs = new Map<number, Promise<void>>();

  private readonly entries: TtlEntries;

  constructor(private readonly engine: DynamoDBEngine) {
    this.entries = engine.storage.metadata.ttlEntries;
  }

  /** Item write listener (storage/change-hooks.ts): moves the item's entry when its expiry changed. */
  readonly onWrite = ({ table, key, oldItem, newItem }: ItemChange): void => {
    const ttl = table.TimeToLive;
    if (!ttl?.Enabled) return;
    const before = expiryOf(oldItem, ttl.AttributeName);
    const after = expiryOf(newItem, ttl.AttributeName);
    if (before === after) return;
    if (before !== undefined) this.remove(ttlEntryKey(table.id, before, key));
    if (after !== undefined) this.put(table.id, after, key);
  };

  /** Indexes every existing item of a table whose TTL was just enabled (in bounded batches, in the background). */
  rebuild(table: TableMeta): Promise<void> {
    return this.serialize(table.id, () => this.indexAll(table));
  }

  /** Forgets every entry of a table (TTL disabled, table deleted), after any rebuild queued before it. */
  dropTable(tableId: number): Promise<void> {
    return this.serialize(tableId, () => this.entries.dropTable(tableId));
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
    return this.entries.due(tableId, nowSeconds, limit);
  }

  remove(indexKey: string): void {
    void this.entries.remove(indexKey).catch(() => undefined);
  }

  private put(tableId: number, expiry: number, key: Item): void {
    void this.entries.put(tableId, [{ expiry, key }]).catch(() => undefined);
  }

  private async indexAll(table: TableMeta): Promise<void> {
    const attribute = table.TimeToLive?.AttributeName;
    if (!table.TimeToLive?.Enabled || !attribute) return;
    let pending: { expiry: number; key: Item }[] = [];
    for (const item of allItems(this.engine.storage.store, table)) {
      const expiry = expiryOf(item, attribute);
      if (expiry === undefined) continue;
      pending.push({ expiry, key: keyOf(table, item) });
      if (pending.length === REBUILD_BATCH) {
        await this.entries.put(table.id, pending); // committed, so a later dropTable sees (and removes) them
        pending = [];
      }
    }
    if (pending.length > 0) await this.entries.put(table.id, pending);
  }
}
