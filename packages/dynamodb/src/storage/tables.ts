// Table lookups every operation shares, with DynamoDB's not-found answers.
import { resourceNotFound } from '../errors.js';
import type { OperationContext } from '../operations/types.js';
import type { TableMeta } from './types.js';

/** The table in the caller's namespace, whatever its status; control-plane wording when it is missing. */
export function findTable(ctx: OperationContext, tableName: string): TableMeta {
  const table = ctx.engine.catalog.get(ctx.namespace, tableName);
  if (!table) throw resourceNotFound(`Requested resource not found: Table: ${tableName} not found`);
  return table;
}

/**
 * The table for an item operation: ACTIVE or UPDATING. A table that is still CREATING, or DELETING, or absent
 * answers ResourceNotFoundException "Requested resource not found", as DynamoDB does for data-plane calls.
 */
export function requireActiveTable(ctx: OperationContext, tableName: string): TableMeta {
  const table = ctx.engine.catalog.get(ctx.namespace, tableName);
  if (!table || table.TableStatus === 'CREATING' || table.TableStatus === 'DELETING') throw resourceNotFound();
  return table;
}
