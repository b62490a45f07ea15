// Table lookups shared by the feature operations. Each operation family names a missing table differently
// (verified against DynamoDB): most say ResourceNotFoundException "Requested resource not found: Table: <n> not
// found", the backup family says TableNotFoundException "Table not found: <n>". A CREATING table counts as
// missing for every feature operation (DynamoDB answers the same way until the table is ACTIVE).
import { DynamoDBError, resourceNotFound } from '../../../errors.js';
import type { TableMeta } from '../../../storage/types.js';
import type { OperationContext } from '../../types.js';
import { parseDynamoDBArn } from './arn.js';

export const tableNotFoundResource = (name: string) =>
  resourceNotFound(`Requested resource not found: Table: ${name} not found`);
export const tableNotFoundBackup = (name: string) =>
  new DynamoDBError('TableNotFoundException', `Table not found: ${name}`);

/** The table of the caller's namespace, or undefined. TableName may also be the table's ARN (DynamoDB accepts both). */
export function findTable(ctx: OperationContext, tableName: string): TableMeta | undefined {
  if (!tableName.startsWith('arn:')) return ctx.engine.catalog.get(ctx.namespace, tableName);
  const arn = parseDynamoDBArn(tableName);
  if (!arn || arn.subresource !== '' || arn.region !== ctx.region || arn.accountId !== ctx.accountId) return undefined;
  return ctx.engine.catalog.get(ctx.namespace, arn.tableName);
}

/** A table that exists and has finished creating; throws `notFound(name)` otherwise. */
export function requireUsableTable(
  ctx: OperationContext,
  tableName: string,
  notFound: (name: string) => DynamoDBError = tableNotFoundResource,
): TableMeta {
  const table = findTable(ctx, tableName);
  if (!table || table.TableStatus === 'CREATING') throw notFound(tableName);
  return table;
}

/** Persists a changed copy of a table record. */
export function saveTable(ctx: OperationContext, table: TableMeta): void {
  ctx.engine.catalog.put(table);
}

/** Epoch seconds (with millis) of the engine clock, the unit DynamoDB's JSON timestamps use. */
export const nowSeconds = (ctx: { engine: { now(): number } }) => ctx.engine.now() / 1000;
