// Storage keys of items and index entries (layout: storage/store.ts), the one place that builds them:
//   table entry : u32 tableId | u16 0        | hashPrefix(hash)  | enc(hash) [| enc(range)]
//   index entry : u32 tableId | u16 index.id | hashPrefix(ihash) | enc(ihash) [| enc(irange)]
//                 | hashPrefixOf(hash bytes ‖ range bytes) | enc(hash) [| enc(range)]
// hashPrefix is DynamoDB's placement hash (model/key-hash.ts), so LMDB order is DynamoDB's Scan order: by prefix,
// then partition key value, then sort key. Index entries with equal index keys follow the placement hash of the
// table key (as dynalite's createIndexKey orders them); the table key after it keeps entries unique.
import { attributeOf, setAttribute } from '../model/attribute-map.js';
import { createHash } from 'node:crypto';
import {
  encodeKeyValue,
  hashPrefix,
  hashPrefixOf,
  keyHashBytes,
  type AttributeValue,
  type Item,
  type KeyShape,
} from '../model/index.js';
import type { IndexMeta, TableMeta } from './types.js';

/** lmdb-js refuses keys longer than this. DynamoDB allows longer keys (2048 + 1024 bytes, more for index
 *  entries), so longer keys keep their first bytes and end in a digest of the whole: order stays exact unless two
 *  keys share the first ~1.9 KB. */
export const MAX_STORAGE_KEY = 1978;
const DIGEST_BYTES = 32;

export function indexPrefix(tableId: number, indexId: number): Buffer {
  const b = Buffer.allocUnsafe(6);
  b.writeUInt32BE(tableId, 0);
  b.writeUInt16BE(indexId, 4);
  return b;
}

/** The first key after every key starting with `prefix` (exclusive upper bound of a prefix range). */
export function prefixEnd(prefix: Buffer): Buffer {
  const out = Buffer.from(prefix);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== 0xff) {
      out[i]!++;
      return out.subarray(0, i + 1);
    }
  }
  // All 0xff: no finite upper bound below the end of this table id; cannot happen with our 6-byte prefixes.
  return Buffer.concat([out, Buffer.from([0xff])]);
}

/** Fits a full key under lmdb's limit (see MAX_STORAGE_KEY). */
export function fitKey(full: Buffer): Buffer {
  if (full.length <= MAX_STORAGE_KEY) return full;
  const digest = createHash('sha256').update(full).digest();
  return Buffer.concat([full.subarray(0, MAX_STORAGE_KEY - DIGEST_BYTES), digest]);
}

/** Prefix of one partition (hash value) of a table or index. */
export function partitionPrefix(tableId: number, indexId: number, shape: KeyShape, hash: AttributeValue): Buffer {
  const type = shape.hash.type;
  return Buffer.concat([indexPrefix(tableId, indexId), hashPrefix(hash, type), encodeKeyValue(hash, type)]);
}

/** The key values of `shape` in the item (partition, then sort key if any), or undefined if one is missing. */
function keyValues(shape: KeyShape, item: Item): AttributeValue[] | undefined {
  const h = attributeOf(item, shape.hash.name);
  if (h === undefined || !(shape.hash.type in h)) return undefined;
  if (!shape.range) return [h];
  const r = attributeOf(item, shape.range.name);
  if (r === undefined || !(shape.range.type in r)) return undefined;
  return [h, r];
}

const typeAt = (shape: KeyShape, i: number) => (i === 0 ? shape.hash.type : shape.range!.type);

function encodedParts(shape: KeyShape, values: AttributeValue[]): Buffer[] {
  return values.map((v, i) => encodeKeyValue(v, typeAt(shape, i)));
}

/** The partition's prefix, then the encoded sort key if `values` has one: where a key of `shape` sorts. */
function keyPrefix(tableId: number, indexId: number, shape: KeyShape, values: AttributeValue[]): Buffer[] {
  const parts = [partitionPrefix(tableId, indexId, shape, values[0]!)];
  if (values[1]) parts.push(encodeKeyValue(values[1], shape.range!.type));
  return parts;
}

/** Storage key of an item of the table. The item must carry valid key attributes. */
export function tableItemKey(table: TableMeta, item: Item): Buffer {
  const values = keyValues(table.key, item);
  if (!values) throw new Error(`item lacks the key of table ${table.TableName}`);
  return fitKey(Buffer.concat(keyPrefix(table.id, 0, table.key, values)));
}

/** Storage key of an item's entry in an index, or undefined when the item lacks an index key (sparse index). */
export function indexEntryKey(table: TableMeta, index: IndexMeta, item: Item): Buffer | undefined {
  const indexValues = keyValues(index.key, item);
  if (!indexValues) return undefined;
  const tableValues = keyValues(table.key, item)!;
  const tableOrder = hashPrefixOf(...tableValues.map((v, i) => keyHashBytes(v, typeAt(table.key, i))));
  return fitKey(
    Buffer.concat([
      ...keyPrefix(table.id, index.id, index.key, indexValues),
      tableOrder,
      ...encodedParts(table.key, tableValues),
    ]),
  );
}

/** The storage key an ExclusiveStartKey designates in a table (index undefined) or an index. */
export function startKeyOf(table: TableMeta, index: IndexMeta | undefined, key: Item): Buffer {
  return index ? indexEntryKey(table, index, key)! : tableItemKey(table, key);
}

/** Names of the attributes that identify an entry: table key, plus index key for an index. */
export function entryKeyNames(table: TableMeta, index: IndexMeta | undefined): string[] {
  const names = [table.key.hash.name];
  if (table.key.range) names.push(table.key.range.name);
  if (index) {
    if (!names.includes(index.key.hash.name)) names.push(index.key.hash.name);
    if (index.key.range && !names.includes(index.key.range.name)) names.push(index.key.range.name);
  }
  return names;
}

export function pick(item: Item, names: readonly string[]): Item {
  const out: Item = {};
  for (const n of names) {
    const v = attributeOf(item, n);
    if (v !== undefined) setAttribute(out, n, v);
  }
  return out;
}

/** The item's primary key attributes. */
export function keyOf(table: TableMeta, item: Item): Item {
  return pick(item, table.key.range ? [table.key.hash.name, table.key.range.name] : [table.key.hash.name]);
}
