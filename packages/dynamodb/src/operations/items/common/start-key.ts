// ExclusiveStartKey: the table key for a table, index key + table key for an index, as LastEvaluatedKey gave it.
// Messages from dynalite test/query.js and test/scan.js (recorded against DynamoDB): a key of the wrong shape is
// just "The provided starting key is invalid"; a bad value inside it carries that prefix, except for the
// number and set messages DynamoDB reports bare.
import { isDynamoDBError, validation } from '../../../errors.js';
import { ValueFault } from '../../../model/value-faults.js';
import { typeOf, validateItem, type Item, type ScalarKeyType } from '../../../model/index.js';
import { startKeyOf } from '../../../storage/items-keys.js';
import type { IndexMeta, TableMeta } from '../../../storage/types.js';
import { checkNotEmpty, KEY_SCHEMA_MISMATCH } from './keys.js';
import { attributeOf } from '../../../model/attribute-map.js';

const INVALID = 'The provided starting key is invalid';
const REPORTED_BARE = /contains duplicates|number set|numeric value|significant digits|number with magnitude/;

/** The values of an ExclusiveStartKey, checked before the table is looked up. */
export function startKeyValues(raw: unknown): Item {
  try {
    return validateItem(raw, 'ExclusiveStartKey');
  } catch (e) {
    if (e instanceof ValueFault) throw e; // worded by the operation's value layer, bare
    if (isDynamoDBError(e) && e.code === 'ValidationException' && !REPORTED_BARE.test(e.message))
      throw validation(`${INVALID}: ${e.message}`);
    throw e;
  }
}

/** The key attributes (name → type) a start key of this table or index must have, exactly. */
function startKeyShape(table: TableMeta, index: IndexMeta | undefined): Map<string, ScalarKeyType> {
  const expected = new Map<string, ScalarKeyType>();
  for (const k of [table.key.hash, table.key.range, index?.key.hash, index?.key.range])
    if (k) expected.set(k.name, k.type);
  return expected;
}

/** The start key checked against the table or index read. Query words every shape mismatch bare; Scan adds
 *  "The provided key element does not match the schema" where the table's own key is at fault (dynalite
 *  actions/scan.js and query.js, from their tests). */
export function exclusiveStartKey(
  table: TableMeta,
  index: IndexMeta | undefined,
  key: Item,
  operation: 'Query' | 'Scan',
): { key: Item; storageKey: Buffer } {
  const expected = startKeyShape(table, index);
  const schemaMismatch = operation === 'Scan' ? `${INVALID}: ${KEY_SCHEMA_MISMATCH}` : INVALID;
  let n = 0;
  for (const _ in key) n++;
  if (n !== expected.size) throw validation(index ? INVALID : schemaMismatch);
  for (const [name, type] of expected) {
    const value = attributeOf(key, name);
    if (value === undefined) throw validation(index ? INVALID : schemaMismatch);
    if (typeOf(value) !== type) {
      const ofTable = name === table.key.hash.name || name === table.key.range?.name;
      throw validation(ofTable ? schemaMismatch : INVALID);
    }
  }
  checkNotEmpty(index ? index.key : table.key, key, `${INVALID}: `);
  if (index) checkNotEmpty(table.key, key, `${INVALID}: `);
  return { key, storageKey: startKeyOf(table, index, key) };
}
