// ReturnItemCollectionMetrics: DynamoDB reports item collections only for tables with local secondary indexes.
import type { Item } from '../../../model/index.js';
import type { TableMeta } from '../../../storage/types.js';
import { attributeOf } from '../../../model/attribute-map.js';

export interface ItemCollectionMetrics {
  ItemCollectionKey: Item;
  SizeEstimateRangeGB: [number, number];
}

export function itemCollectionMetrics(
  table: TableMeta,
  mode: string | undefined,
  item: Item | undefined,
): ItemCollectionMetrics | undefined {
  if (mode !== 'SIZE' || table.LocalSecondaryIndexes.length === 0 || !item) return undefined;
  const hash = table.key.hash.name;
  // Collections here are far below 1 GB; DynamoDB reports the estimate as a range in GB.
  return { ItemCollectionKey: { [hash]: attributeOf(item, hash)! }, SizeEstimateRangeGB: [0, 1] };
}
