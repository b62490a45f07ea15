// The answer of PutItem, UpdateItem and DeleteItem, members in DynamoDB's order: Attributes (when there are any),
// ConsumedCapacity, ItemCollectionMetrics (each only when asked for).
import type { Item } from '../../../model/index.js';
import type { WriteResult } from '../../../storage/item-writes.js';
import type { TableMeta } from '../../../storage/types.js';
import { CapacityMeter, writeUnitsOf } from './capacity.js';
import { itemCollectionMetrics } from './metrics.js';
import type { ReturnConsumedCapacity } from './schemas.js';

export interface WriteAnswerOptions {
  ReturnConsumedCapacity?: ReturnConsumedCapacity;
  ReturnItemCollectionMetrics?: string;
}

/** `attributes`: what ReturnValues selected (an empty selection is left out); `key`: the request's key, which
 *  names the item collection when no item is left (a delete of a missing item). */
export function writeAnswer(
  table: TableMeta,
  result: WriteResult,
  attributes: Item | undefined,
  key: Item,
  input: WriteAnswerOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (attributes && Object.keys(attributes).length > 0) out.Attributes = attributes;
  const consumed = new CapacityMeter(table)
    .addTable(writeUnitsOf(result))
    .addIndexWrites(result.indexUnits)
    .report(input.ReturnConsumedCapacity);
  if (consumed) out.ConsumedCapacity = consumed;
  const collectionItem = result.newItem ?? result.oldItem ?? key;
  const metrics = itemCollectionMetrics(table, input.ReturnItemCollectionMetrics, collectionItem);
  if (metrics) out.ItemCollectionMetrics = metrics;
  return out;
}
