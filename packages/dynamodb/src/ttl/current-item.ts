// Reads an item's current stored version by key (storage/items-keys.ts tableItemKey: the layout documented in
// storage/store.ts). The sweeper uses it to confirm an item is still expired right before deleting it, so a stale
// index entry can never delete an item whose TTL was moved into the future.
import type { DynamoDBEngine } from '../engine.js';
import type { Item } from '../model/index.js';
import { tableItemKey } from '../storage/items-keys.js';
import type { TableMeta } from '../storage/types.js';

export function readCurrentItem(engine: DynamoDBEngine, table: TableMeta, key: Item): Item | undefined {
  return engine.store.items.get(tableItemKey(table, key));
}
