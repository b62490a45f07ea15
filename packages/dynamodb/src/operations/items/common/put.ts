// What PutItem, BatchWriteItem's PutRequest and TransactWriteItems' Put share: item checks before the table.
import { validation } from '../../../errors.js';
import { itemSize, validateItem, type Item } from '../../../model/index.js';
import { MAX_ITEM_BYTES } from './write.js';

/** Validates an Item member's values and size (DynamoDB checks these before it looks at the table). */
export function checkedItem(raw: unknown, member = 'Item'): { item: Item; size: number } {
  const item = validateItem(raw, member);
  const size = itemSize(item);
  if (size > MAX_ITEM_BYTES) throw validation('Item size has exceeded the maximum allowed size');
  return { item, size };
}
