// What PutItem, BatchWriteItem's PutRequest and TransactWriteItems' Put share: item checks before the table.
import { validation } from '../../../errors.js';
import { validateItem, type AttributeValue, type Item } from '../../../model/index.js';
import { itemSize } from '../../../model/index.js';

/** DynamoDB's item size limit (attribute names and values, UTF-8). */
export const MAX_ITEM_BYTES = 400 * 1024;

/** DynamoDB nests maps and lists at most 32 levels deep. */
const MAX_NESTING = 32;

function nestingOf(value: AttributeValue, limit: number): number {
  if (limit < 0) return 1; // already too deep: stop descending
  let deepest = 0;
  if ('M' in value) {
    for (const k in value.M) deepest = Math.max(deepest, nestingOf(value.M[k]!, limit - 1));
    return deepest + 1;
  }
  if ('L' in value) {
    for (const v of value.L) deepest = Math.max(deepest, nestingOf(v, limit - 1));
    return deepest + 1;
  }
  return 0;
}

/** Throws DynamoDB's error for maps/lists nested deeper than 32 levels. */
export function checkNesting(item: Item): void {
  for (const k in item) {
    const v = item[k]!;
    if (('M' in v || 'L' in v) && nestingOf(v, MAX_NESTING) > MAX_NESTING) {
      throw validation('Nesting Levels have exceeded supported limits');
    }
  }
}

/** Validates an Item member's values, nesting and size (DynamoDB checks these before it looks at the table). */
export function checkedItem(raw: unknown, member = 'Item'): { item: Item; size: number } {
  const item = validateItem(raw, member);
  checkNesting(item);
  const size = itemSize(item);
  if (size > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
  return { item, size };
}
