// Bulk item storage: index backfill and removal, whole-table reads, stats, and the unconditional bulk writers of
// restore, replication and TTL expiry. Every write of an item updates the table entry, every affected index entry
// and the stats in ONE LMDB transaction, and runs the change hooks inside it.
import type { Item } from '../model/index.js';
import { attributeValueSize, itemSize } from '../model/index.js';
import { notifyWriteListeners, runChangeHooks, type ChangeCause, type ItemChange } from './change-hooks.js';
import { indexEntryKey, indexPrefix, keyOf, prefixEnd, tableItemKey } from './items-keys.js';
import { applyItemWrite, entryText, projectForIndex, StatsDelta } from './items-write.js';
import type { Storage } from './storage.js';
import type { Store } from './store.js';
import type { IndexMeta, TableMeta } from './types.js';
import { attributeOf } from '../model/attribute-map.js';

/** Entries handled per transaction by bulk jobs, so a long job never holds the write lock for long. */
const CHUNK = 1000;

/** DynamoDB's index key limits: partition key 2048 bytes, sort key 1024, neither empty. */
const KEY_LIMITS = { hash: 2048, range: 1024 } as const;

/** Whether an existing item's index key values are within DynamoDB's limits. An item that breaks them is an
 *  "index key violation" (AWS developer guide, "Detecting and correcting index key violations"): the online GSI
 *  backfill leaves it out of the index instead of failing, as it does items of the wrong key type. */
function indexKeyFits(index: IndexMeta, item: Item): boolean {
  for (const part of ['hash', 'range'] as const) {
    const k = index.key[part];
    const v = k && attributeOf(item, k.name);
    if (!v) continue;
    if (('S' in v && v.S === '') || ('B' in v && v.B === '')) return false;
    if (attributeValueSize(v) > KEY_LIMITS[part]) return false;
  }
  return true;
}

/** Writes index entries for every existing item (online GSI creation). Runs in bounded transactions. */
export async function backfillIndex(store: Store, table: TableMeta, index: IndexMeta): Promise<void> {
  const end = indexPrefix(table.id, 1);
  let start: Buffer = indexPrefix(table.id, 0);
  let exclusive = false;
  for (;;) {
    const last = await store.writes.run(() => {
      const stats = new StatsDelta();
      let lastKey: Buffer | undefined;
      for (const { key, value } of store.items.getRange({ start, end, exclusiveStart: exclusive, limit: CHUNK })) {
        lastKey = key;
        const entryKey = indexEntryKey(table, index, value);
        if (!entryKey || !indexKeyFits(index, value)) continue;
        // A write that ran since the index appeared in the catalog has already maintained this entry.
        if (store.items.get(entryKey) !== undefined) continue;
        const projected = projectForIndex(table, index, value);
        const size = itemSize(projected);
        void store.rawItems.put(entryKey, entryText(table, projected, size));
        stats.add(table.id, index.id, 1, size);
      }
      stats.flush(store);
      return lastKey;
    });
    if (!last) return;
    start = last;
    exclusive = true;
  }
}

async function removeRange(store: Store, start: Buffer, end: Buffer): Promise<void> {
  for (;;) {
    const removed = await store.writes.run(() => {
      let n = 0;
      for (const key of store.items.getKeys({ start, end, limit: CHUNK })) {
        void store.items.remove(key);
        n++;
      }
      return n;
    });
    if (removed < CHUNK) return;
  }
}

/** Removes every entry of a deleted index and its stats. */
export async function dropIndexEntries(store: Store, table: TableMeta, index: IndexMeta): Promise<void> {
  const prefix = indexPrefix(table.id, index.id);
  await removeRange(store, prefix, prefixEnd(prefix));
  await store.writes.run(() => store.stats.remove(prefix));
}

/** Removes every item, index entry and stat of a deleted table. */
export async function dropTableItems(store: Store, table: TableMeta): Promise<void> {
  const start = indexPrefix(table.id, 0);
  const end = indexPrefix(table.id + 1, 0);
  await removeRange(store, start, end);
  const { stats } = store;
  await store.writes.run(() => {
    for (const key of stats.getKeys({ start, end })) void stats.remove(key);
  });
}

/** Live counts for DescribeTable (ItemCount, TableSizeBytes, IndexSizeBytes). indexId 0 = the table. */
export function readStats(store: Store, table: TableMeta, indexId: number): { count: number; bytes: number } {
  return store.stats.get(indexPrefix(table.id, indexId)) ?? { count: 0, bytes: 0 };
}

/** Every item of a table in storage order (backups, export, global table seeding). */
export function* allItems(store: Store, table: TableMeta): Generator<Item> {
  const start = indexPrefix(table.id, 0);
  for (const { value } of store.items.getRange({ start, end: indexPrefix(table.id, 1) })) yield value;
}

async function writeAll(
  storage: Storage,
  table: TableMeta,
  targets: { item: Item; put: boolean }[],
  cause: ChangeCause,
): Promise<void> {
  const { store } = storage;
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    const changes = await store.writes.run(() => {
      const stats = new StatsDelta();
      const out: ItemChange[] = [];
      for (const t of chunk) {
        const key = tableItemKey(table, t.item);
        const oldItem = store.items.get(key);
        if (!t.put && oldItem === undefined) continue;
        const newItem = t.put ? t.item : undefined;
        applyItemWrite(store, table, { key, oldItem, newItem }, stats);
        const change: ItemChange = { table, key: keyOf(table, t.item), oldItem, newItem, cause };
        runChangeHooks(storage, change);
        out.push(change);
      }
      stats.flush(store);
      return out;
    });
    notifyWriteListeners(storage, changes);
  }
}

/** Writes items as PutItem would (no conditions), maintaining indexes and stats (restore, import, replication). */
export async function putItems(storage: Storage, table: TableMeta, items: Item[], cause: ChangeCause): Promise<void> {
  await writeAll(
    storage,
    table,
    items.map((item) => ({ item, put: true })),
    cause,
  );
}

/** Deletes items by key as DeleteItem would (replication, TTL expiry). */
export async function deleteItems(storage: Storage, table: TableMeta, keys: Item[], cause: ChangeCause): Promise<void> {
  await writeAll(
    storage,
    table,
    keys.map((item) => ({ item, put: false })),
    cause,
  );
}

/** A GSI added by UpdateTable whose backfill may have been cut short by a restart is filled again (idempotent).
 *  Reads the catalog as stored: settling first could mark such an index ACTIVE before it is filled. */
export async function resumeBackfills(store: Store): Promise<void> {
  for (const { value: table } of store.catalog.getRange({})) {
    for (const index of table.GlobalSecondaryIndexes) {
      if (index.IndexStatus === 'CREATING' && index.Backfilling !== undefined) await backfillIndex(store, table, index);
    }
  }
}
