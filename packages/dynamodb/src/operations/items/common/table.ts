// Finding the table (and index) an item operation addresses.
import { resourceNotFound, validation } from '../../../errors.js';
import type { IndexMeta, TableMeta } from '../../../storage/types.js';
import { requireActiveTable } from '../../../storage/tables.js';
import type { OperationContext } from '../../types.js';

/** The table a request names (by name or ARN), if it can serve item operations; ResourceNotFoundException if not. */
export function activeTable(ctx: OperationContext, nameOrArn: string): TableMeta {
  if (!nameOrArn.startsWith('arn:')) return requireActiveTable(ctx, nameOrArn);
  const table = ctx.engine.catalog.byArn(nameOrArn);
  if (
    !table ||
    table.namespace !== ctx.namespace ||
    table.TableStatus === 'CREATING' ||
    table.TableStatus === 'DELETING'
  ) {
    throw resourceNotFound();
  }
  return table;
}

/** The index a Query/Scan names; ValidationException as DynamoDB sends when there is none (or not yet usable). */
export function findIndex(table: TableMeta, indexName: string): IndexMeta {
  const index =
    table.GlobalSecondaryIndexes.find((i) => i.IndexName === indexName) ??
    table.LocalSecondaryIndexes.find((i) => i.IndexName === indexName);
  if (!index || index.IndexStatus === 'DELETING') {
    throw validation(`The table does not have the specified index: ${indexName}`);
  }
  if (index.IndexStatus === 'CREATING') {
    throw validation(`Cannot read from backfilling global secondary index: ${indexName}`);
  }
  return index;
}
