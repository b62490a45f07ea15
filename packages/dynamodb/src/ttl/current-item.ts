// Reads an item's current stored version by key, following the items sub-db layout documented in
// storage/store.ts (u32 tableId | u16 indexId 0 | hashPrefix | enc(hash) [| enc(range)]). The sweeper uses it to
// confirm an item is still expired right before deleting it, so a stale index entry can never delete live data.
import { encodeKeyValue, hashPrefix, type Item } from '../model/index.js';
import type { DynamoDBEngine } from '../engine.js';
import type { TableMeta } from '../storage/types.js';

export function storageKeyOf(table: TableMeta, key: Item): Buffer | undefined {
  const hashValue = key[table.key.hash.name];
  if (!hashValue) return undefined;
  const hash = encodeKeyValue(hashValue, table.key.hash.type);
  const parts = [tableAndIndexId(table.id), hashPrefix(hash), hash];
  if (table.key.range) {
    const rangeValue = key[table.key.range.name];
    if (!rangeValue) return undefined;
    parts.push(encodeKeyValue(rangeValue, table.key.range.type));
  }
  return Buffer.concat(parts);
}

export function readCurrentItem(engine: DynamoDBEngine, table: TableMeta, key: Item): Item | undefined {
  const storageKey = storageKeyOf(table, key);
  return storageKey ? engine.store.items.get(storageKey) : undefined;
}

function tableAndIndexId(tableId: number): Buffer {
  const prefix = Buffer.alloc(6);
  prefix.writeUInt32BE(tableId, 0);
  prefix.writeUInt16BE(0, 4);
  return prefix;
}
