// ExclusiveStartKey: the table key for a table, index key + table key for an index, as LastEvaluatedKey gave it.
import { validation } from '../../../errors.js';
import { typeOf, validateItem, type Item, type ScalarKeyType } from '../../../model/index.js';
import { startKeyOf } from '../../../storage/items-keys.js';
import type { IndexMeta, TableMeta } from '../../../storage/types.js';
import { checkKey } from './keys.js';

const INVALID = 'The provided starting key is invalid: ';

export function exclusiveStartKey(
  table: TableMeta,
  index: IndexMeta | undefined,
  raw: unknown,
): { key: Item; storageKey: Buffer } {
  const key = validateItem(raw, 'ExclusiveStartKey');
  if (!index) {
    checkKey(table, key, INVALID);
  } else {
    const expected = new Map<string, ScalarKeyType>();
    for (const k of [table.key.hash, table.key.range, index.key.hash, index.key.range])
      if (k) expected.set(k.name, k.type);
    let n = 0;
    for (const name in key) {
      n++;
      const type = expected.get(name);
      if (!type || typeOf(key[name]!) !== type)
        throw validation(`${INVALID}The provided key element does not match the schema`);
    }
    if (n !== expected.size) throw validation(`${INVALID}The provided key element does not match the schema`);
  }
  return { key, storageKey: startKeyOf(table, index, key) };
}
