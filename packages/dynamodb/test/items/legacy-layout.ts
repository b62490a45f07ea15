// Test helper: turns a data dir written by this version back into what key layout 1 wrote (before the DynamoDB
// placement hash): entries in the database `items`, under keys with a 4-byte FNV-1a/murmur prefix of the encoded
// partition key, index entries ending in the table key alone, and no keyLayout marker. The key function below is
// layout 1's, kept here (and only here) so that migration tests can build old data dirs.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { open, type Database } from 'lmdb';
import { encodeKeyValue, type Item, type KeyShape } from '../../src/model/index.js';
import { decodeStored } from '../../src/storage/item-codec.js';
import type { TableMeta } from '../../src/storage/types.js';

function legacyHash32(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function parts(shape: KeyShape, item: Item): Buffer[] {
  const out = [encodeKeyValue(item[shape.hash.name]!, shape.hash.type)];
  if (shape.range) out.push(encodeKeyValue(item[shape.range.name]!, shape.range.type));
  return out;
}

function fit(full: Buffer): Buffer {
  if (full.length <= 1978) return full;
  return Buffer.concat([full.subarray(0, 1978 - 32), createHash('sha256').update(full).digest()]);
}

/** Layout 1's storage key of a table item (indexId 0) or index entry. */
export function legacyKey(table: TableMeta, indexId: number, item: Item): Buffer {
  const shape =
    indexId === 0
      ? table.key
      : [...table.GlobalSecondaryIndexes, ...table.LocalSecondaryIndexes].find((i) => i.id === indexId)!.key;
  const own = parts(shape, item);
  const head = Buffer.allocUnsafe(10);
  head.writeUInt32BE(table.id, 0);
  head.writeUInt16BE(indexId, 4);
  head.writeUInt32BE(legacyHash32(own[0]!), 6);
  const tail = indexId === 0 ? [] : parts(table.key, item);
  return fit(Buffer.concat([head, ...own, ...tail]));
}

/**
 * Moves every entry of the closed data dir into layout 1 (msgpack values too when `msgpack`, as before item format
 * 2). Returns how many entries it moved.
 */
export async function downgradeToLayout1(dataDir: string, options: { msgpack?: boolean } = {}): Promise<number> {
  const env = open({ path: join(dataDir, 'dynamodb'), maxDbs: 8 });
  const current = env.openDB<string, Buffer>({ name: 'items.k2', keyEncoding: 'binary', encoding: 'string' });
  const legacyText = env.openDB<string, Buffer>({ name: 'items', keyEncoding: 'binary', encoding: 'string' });
  const legacyMsgpack = env.openDB<Item, Buffer>({ name: 'items', keyEncoding: 'binary' });
  const catalog = env.openDB<TableMeta, string>({ name: 'catalog' });
  const meta = env.openDB<unknown, string>({ name: 'meta' });
  const tables = new Map([...catalog.getRange({})].map(({ value }) => [value.id, value]));
  const entries = [...current.getRange({})];
  env.transactionSync(() => {
    for (const { key, value } of entries) {
      const item = decodeStored(value);
      const k = legacyKey(tables.get(key.readUInt32BE(0))!, key.readUInt16BE(4), item);
      if (options.msgpack) void (legacyMsgpack as Database<Item, Buffer>).put(k, item);
      else void legacyText.put(k, value);
    }
    current.clearSync();
    void meta.remove('keyLayout');
    if (options.msgpack) void meta.remove('itemFormat');
  });
  await env.close();
  return entries.length;
}
