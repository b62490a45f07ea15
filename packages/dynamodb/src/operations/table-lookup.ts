// Finding the table (and index) a request addresses, with the not-found answer of each operation family. Each family
// names a missing table differently (verified against DynamoDB): the control plane and most feature operations say
// ResourceNotFoundException "Requested resource not found: Table: <n> not found", the backup family says
// TableNotFoundException "Table not found: <n>", and item operations say a bare "Requested resource not found".
import { DynamoDBError, resourceNotFound, validation } from '../errors.js';
import type { IndexMeta, TableMeta } from '../storage/types.js';
import { parseDynamoDBArn } from './features/support/arn.js';
import type { OperationContext } from './types.js';

export const tableNotFoundResource = (name: string) =>
  resourceNotFound(`Requested resource not found: Table: ${name} not found`);
export const tableNotFoundBackup = (name: string) =>
  new DynamoDBError('TableNotFoundException', `Table not found: ${name}`);

/** The table of the caller's namespace, or undefined. TableName may also be the table's ARN (DynamoDB accepts both). */
export function lookupTable(ctx: OperationContext, tableName: string): TableMeta | undefined {
  if (!tableName.startsWith('arn:')) return ctx.engine.catalog.get(ctx.namespace, tableName);
  const arn = parseDynamoDBArn(tableName);
  if (!arn || arn.subresource !== '' || arn.region !== ctx.region || arn.accountId !== ctx.accountId) return undefined;
  return ctx.engine.catalog.get(ctx.namespace, arn.tableName);
}

/** The table named (by name only) in the caller's namespace, whatever its status (DescribeTable, UpdateTable,
 *  DeleteTable); control-plane wording when it is missing. */
export function requireTable(ctx: OperationContext, tableName: string): TableMeta {
  const table = ctx.engine.catalog.get(ctx.namespace, tableName);
  if (!table) throw tableNotFoundResource(tableName);
  return table;
}

/** A table that exists and has finished creating (feature operations); throws `notFound(name)` otherwise. */
export function requireUsableTable(
  ctx: OperationContext,
  tableName: string,
  notFound: (name: string) => DynamoDBError = tableNotFoundResource,
): TableMeta {
  const table = lookupTable(ctx, tableName);
  if (!table || table.TableStatus === 'CREATING') throw notFound(tableName);
  return table;
}

/**
 * The table an item operation names (by name or ARN): ACTIVE or UPDATING. A table that is still CREATING, or
 * DELETING, or absent answers ResourceNotFoundException "Requested resource not found", as DynamoDB does for
 * data-plane calls.
 */
export function activeTable(ctx: OperationContext, nameOrArn: string): TableMeta {
  const table = nameOrArn.startsWith('arn:')
    ? ctx.engine.catalog.byArn(nameOrArn)
    : ctx.engine.catalog.get(ctx.namespace, nameOrArn);
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
