// The table (and optional GSI) an insights operation addresses, with DynamoDB's not-found wording.
import { resourceNotFound } from '../../../errors.js';
import type { TableMeta } from '../../../storage/types.js';
import type { OperationContext } from '../../types.js';
import { lookupTable, tableNotFoundResource } from '../../table-lookup.js';

export function requireInsightsTarget(
  ctx: OperationContext,
  tableName: string,
  indexName: string | undefined,
): TableMeta {
  const table = lookupTable(ctx, tableName);
  if (!table) throw tableNotFoundResource(tableName);
  if (indexName !== undefined) {
    const index = table.GlobalSecondaryIndexes.find((i) => i.IndexName === indexName);
    if (!index || index.IndexStatus === 'CREATING') {
      throw resourceNotFound(`Requested resource not found: Index: ${indexName} not found for table: ${tableName}`);
    }
  }
  return table;
}
