// CONTRACT (implemented by the item-engine owner): item and index storage. Every write of an item updates the
// table entry, every affected index entry and the stats in ONE LMDB transaction.
import type { DynamoDBEngine } from '../engine.js';
import type { Item } from '../model/index.js';
import type { IndexMeta, TableMeta } from './types.js';

/** Writes index entries for every existing item (online GSI creation). Runs in bounded transactions. */
export async function backfillIndex(engine: DynamoDBEngine, table: TableMeta, index: IndexMeta): Promise<void> {
  throw new Error('not implemented: backfillIndex');
}
/** Removes every entry of a deleted index and its stats. */
export async function dropIndexEntries(engine: DynamoDBEngine, table: TableMeta, index: IndexMeta): Promise<void> {
  throw new Error('not implemented: dropIndexEntries');
}
/** Removes every item, index entry and stat of a deleted table. */
export async function dropTableItems(engine: DynamoDBEngine, table: TableMeta): Promise<void> {
  throw new Error('not implemented: dropTableItems');
}
/** Live counts for DescribeTable (ItemCount, TableSizeBytes, IndexSizeBytes). indexId 0 = the table. */
export function readStats(engine: DynamoDBEngine, table: TableMeta, indexId: number): { count: number; bytes: number } {
  throw new Error('not implemented: readStats');
}
/** Every item of a table in storage order (backups, export, global table seeding). */
export function* allItems(engine: DynamoDBEngine, table: TableMeta): Generator<Item> {
  throw new Error('not implemented: allItems');
}
/** Writes items as PutItem would (no conditions), maintaining indexes and stats (restore, import, replication). */
export async function putItems(engine: DynamoDBEngine, table: TableMeta, items: Item[]): Promise<void> {
  throw new Error('not implemented: putItems');
}
/** Deletes items by key as DeleteItem would (replication, TTL expiry). */
export async function deleteItems(engine: DynamoDBEngine, table: TableMeta, keys: Item[]): Promise<void> {
  throw new Error('not implemented: deleteItems');
}

/** Observers of committed item writes (global-table replication). Called after commit, in commit order. */
export type ItemWriteListener = (table: TableMeta, key: Item, oldItem: Item | undefined, newItem: Item | undefined) => void;
