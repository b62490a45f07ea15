// CONTRACT (implemented by the item-engine owner): item and index storage. Every write of an item updates the
// table entry, every affected index entry and the stats in ONE LMDB transaction.
import type { DynamoDBEngine } from '../engine.js';
import { type Item } from '../model/index.js';
import { itemSize } from '../model/index.js';
import type { IndexMeta, TableMeta } from './types.js';
import { indexEntryKey, indexPrefix, pick, prefixEnd, tableItemKey } from './items-keys.js';
import { applyItemWrite, projectForIndex, StatsDelta } from './items-write.js';
import { storedText } from './item-codec.js';
import type { ChangeCause } from './change-hooks.js';

/** Entries handled per transaction by bulk jobs, so a long job never holds the write lock for long. */
const CHUNK = 1000;

/** Writes index entries for every existing item (online GSI creation). Runs in bounded transactions. */
export async function backfillIndex(engine: DynamoDBEngine, table: TableMeta, index: IndexMeta): Promise<void> {
  const { store } = engine;
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
        if (!entryKey) continue;
        // A write that ran since the index appeared in the catalog has already maintained this entry.
        if (store.items.get(entryKey) !== undefined) continue;
        const projected = projectForIndex(table, index, value);
        const size = itemSize(projected);
        void store.rawItems.put(entryKey, storedText(projected, size));
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

async function removeRange(engine: DynamoDBEngine, start: Buffer, end: Buffer): Promise<void> {
  const { store } = engine;
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
export async function dropIndexEntries(engine: DynamoDBEngine, table: TableMeta, index: IndexMeta): Promise<void> {
  const prefix = indexPrefix(table.id, index.id);
  await removeRange(engine, prefix, prefixEnd(prefix));
  await engine.store.writes.run(() => engine.store.stats.remove(prefix));
}

/** Removes every item, index entry and stat of a deleted table. */
export async function dropTableItems(engine: DynamoDBEngine, table: TableMeta): Promise<void> {
  const start = indexPrefix(table.id, 0);
  const end = indexPrefix(table.id + 1, 0);
  await removeRange(engine, start, end);
  const { stats } = engine.store;
  await engine.store.writes.run(() => {
    for (const key of stats.getKeys({ start, end })) void stats.remove(key);
  });
}

/** Live counts for DescribeTable (ItemCount, TableSizeBytes, IndexSizeBytes). indexId 0 = the table. */
export function readStats(engine: DynamoDBEngine, table: TableMeta, indexId: number): { count: number; bytes: number } {
  return engine.store.stats.get(indexPrefix(table.id, indexId)) ?? { count: 0, bytes: 0 };
}

/** Every item of a table in storage order (backups, export, global table seeding). */
export function* allItems(engine: DynamoDBEngine, table: TableMeta): Generator<Item> {
  const start = indexPrefix(table.id, 0);
  for (const { value } of engine.store.items.getRange({ start, end: indexPrefix(table.id, 1) })) yield value;
}

export function keyOf(table: TableMeta, item: Item): Item {
  return pick(item, table.key.range ? [table.key.hash.name, table.key.range.name] : [table.key.hash.name]);
}

/** One committed change, as listeners see it. */
export interface CommittedWrite {
  table: TableMeta;
  oldItem: Item | undefined;
  newItem: Item | undefined;
}

/** Tells the write listeners about committed changes, in commit order. A failing listener never fails the write. */
export function notifyWriteListeners(engine: DynamoDBEngine, writes: readonly CommittedWrite[]): void {
  const listeners = engine.writeListeners;
  if (listeners.length === 0) return;
  for (const w of writes) {
    const key = keyOf(w.table, (w.newItem ?? w.oldItem)!);
    for (const l of listeners) {
      try {
        l(w.table, key, w.oldItem, w.newItem);
      } catch {
        /* replication hooks must not break writes */
      }
    }
  }
}

async function writeAll(
  engine: DynamoDBEngine,
  table: TableMeta,
  targets: { item: Item; put: boolean }[],
  cause: ChangeCause,
): Promise<void> {
  const { store } = engine;
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    const committed = await store.writes.run(() => {
      const stats = new StatsDelta();
      const out: CommittedWrite[] = [];
      for (const t of chunk) {
        const key = tableItemKey(table, t.item);
        const oldItem = store.items.get(key);
        if (!t.put && oldItem === undefined) continue;
        const newItem = t.put ? t.item : undefined;
        applyItemWrite(store, table, { key, oldItem, newItem, cause }, stats);
        out.push({ table, oldItem, newItem });
      }
      stats.flush(store);
      return out;
    });
    notifyWriteListeners(engine, committed);
  }
}

/** Writes items as PutItem would (no conditions), maintaining indexes and stats (restore, import, replication). */
export async function putItems(
  engine: DynamoDBEngine,
  table: TableMeta,
  items: Item[],
  cause: ChangeCause = 'user',
): Promise<void> {
  await writeAll(
    engine,
    table,
    items.map((item) => ({ item, put: true })),
    cause,
  );
}

/** Deletes items by key as DeleteItem would (replication, TTL expiry). */
export async function deleteItems(
  engine: DynamoDBEngine,
  table: TableMeta,
  keys: Item[],
  cause: ChangeCause = 'user',
): Promise<void> {
  await writeAll(
    engine,
    table,
    keys.map((item) => ({ item, put: false })),
    cause,
  );
}

/** Observers of committed item writes (global-table replication). Called after commit, in commit order. */
export type ItemWriteListener = (
  table: TableMeta,
  key: Item,
  oldItem: Item | undefined,
  newItem: Item | undefined,
) => void;
