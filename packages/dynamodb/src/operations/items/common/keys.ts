// Key checks against the table's (and indexes') key schema, with DynamoDB's messages.
import { validation } from '../../../errors.js';
import { attributeValueSize, typeOf, type AttributeValue, type Item, type KeyShape } from '../../../model/index.js';
import type { IndexMeta, TableMeta } from '../../../storage/types.js';
import { attributeOf } from '../../../model/attribute-map.js';

const MAX_HASH_KEY_BYTES = 2048;
const MAX_RANGE_KEY_BYTES = 1024;

function isEmptyScalar(value: AttributeValue): 'string' | 'binary' | undefined {
  if ('S' in value && value.S.length === 0) return 'string';
  if ('B' in value && value.B.length === 0) return 'binary';
  return undefined;
}

function checkKeySizes(shape: KeyShape, item: Item): void {
  if (attributeValueSize(attributeOf(item, shape.hash.name)!) > MAX_HASH_KEY_BYTES) {
    throw validation(
      'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
    );
  }
  if (shape.range && attributeValueSize(attributeOf(item, shape.range.name)!) > MAX_RANGE_KEY_BYTES) {
    throw validation(
      'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
    );
  }
}

/** Key values must not be empty strings or binaries (`prefix` for ExclusiveStartKey's messages). */
export function checkNotEmpty(shape: KeyShape, item: Item, prefix = ''): void {
  for (const k of [shape.hash, shape.range]) {
    if (!k) continue;
    const empty = isEmptyScalar(attributeOf(item, k.name)!);
    if (empty) {
      throw validation(
        `${prefix}One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${empty} value. Key: ${k.name}`,
      );
    }
  }
}

/** DynamoDB's words for a key that does not fit the table's key schema (wrong attributes, or a mistyped key in a
 *  Key member or a batch). */
export const KEY_SCHEMA_MISMATCH = 'The provided key element does not match the schema';

/** PutItem's words for a table key attribute of another type than the table's. */
export const keyTypeMismatch = (k: { name: string; type: string }, actual: string) =>
  `One or more parameter values were invalid: Type mismatch for key ${k.name} expected: ${k.type} actual: ${actual}`;

/** A `Key` member: exactly the key attributes, of the key types. */
export function checkKey(table: TableMeta, key: Item, prefix = ''): void {
  const shape = table.key;
  let n = 0;
  for (const _ in key) n++;
  const expected = shape.range ? 2 : 1;
  const h = attributeOf(key, shape.hash.name);
  const r = shape.range ? attributeOf(key, shape.range.name) : undefined;
  if (
    n !== expected ||
    !h ||
    typeOf(h) !== shape.hash.type ||
    (shape.range && (!r || typeOf(r) !== shape.range.type))
  ) {
    throw validation(`${prefix}${KEY_SCHEMA_MISMATCH}`);
  }
  checkNotEmpty(shape, key);
  checkKeySizes(shape, key);
}

/** An `Item` member (PutItem, PutRequest, Put): carries the table key, and typed index keys where present.
 *  `batch`: BatchWriteItem words a missing or mistyped table key as "The provided key element does not match the
 *  schema" (captured against DynamoDB, eu-west-2: nubo-db/dynoxide issue #97; floci-io/floci PR #3227). */
export function checkItemKeys(table: TableMeta, item: Item, batch = false): void {
  const shape = table.key;
  for (const k of [shape.hash, shape.range]) {
    if (!k) continue;
    const v = attributeOf(item, k.name);
    const actual = v === undefined ? undefined : typeOf(v);
    if (batch && actual !== k.type) throw validation(KEY_SCHEMA_MISMATCH);
    if (actual === undefined)
      throw validation(`One or more parameter values were invalid: Missing the key ${k.name} in the item`);
    if (actual !== k.type) throw validation(keyTypeMismatch(k, actual));
  }
  checkNotEmpty(shape, item);
  checkKeySizes(shape, item);
  checkIndexKeys(table, item);
}

/** PutItem's words for an index key attribute of another type than the index's (dynalite test/putItem.js and
 *  test/batchWriteItem.js, recorded against DynamoDB). */
function indexKeyTypeMismatch(index: IndexMeta, k: { name: string; type: string }, v: AttributeValue) {
  const actual = typeOf(v);
  if (actual === k.type) return undefined;
  return `One or more parameter values were invalid: Type mismatch for Index Key ${k.name} Expected: ${k.type} Actual: ${actual} IndexName: ${index.IndexName}`;
}

/** The first index key attribute of `item` whose type differs from its index's, in PutItem's words. */
export function indexKeyTypeFault(table: TableMeta, item: Item): string | undefined {
  for (const indexes of [table.LocalSecondaryIndexes, table.GlobalSecondaryIndexes]) {
    for (const index of indexes) {
      for (const k of [index.key.hash, index.key.range]) {
        const v = k && attributeOf(item, k.name);
        const mismatch = v && indexKeyTypeMismatch(index, k, v);
        if (mismatch) return mismatch;
      }
    }
  }
  return undefined;
}

/** Index key attributes an item carries must have the index's key type and not be empty. */
export function checkIndexKeys(table: TableMeta, item: Item): void {
  for (const indexes of [table.LocalSecondaryIndexes, table.GlobalSecondaryIndexes]) {
    for (const index of indexes) {
      for (const k of [index.key.hash, index.key.range]) {
        if (!k) continue;
        const v = attributeOf(item, k.name);
        if (v === undefined) continue;
        const mismatch = indexKeyTypeMismatch(index, k, v);
        if (mismatch) throw validation(mismatch);
        const empty = isEmptyScalar(v);
        if (empty) {
          throw validation(
            `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${empty} value. IndexName: ${index.IndexName}, IndexKey: ${k.name}`,
          );
        }
      }
      if (
        attributeOf(item, index.key.hash.name) !== undefined &&
        (!index.key.range || attributeOf(item, index.key.range.name) !== undefined)
      ) {
        checkKeySizes(index.key, item);
      }
    }
  }
}

/** The key attributes of an item (in key schema order). */
export function keyNames(table: TableMeta): string[] {
  return table.key.range ? [table.key.hash.name, table.key.range.name] : [table.key.hash.name];
}
