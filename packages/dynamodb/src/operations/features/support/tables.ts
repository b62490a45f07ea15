// Small helpers of the feature operations that change table records (lookups: operations/table-lookup.ts).
import type { TableMeta } from '../../../storage/types.js';
import type { OperationContext } from '../../types.js';

/** Persists a changed copy of a table record. */
export function saveTable(ctx: OperationContext, table: TableMeta): void {
  ctx.engine.catalog.put(table);
}

/** Epoch seconds (with millis) of the engine clock, the unit DynamoDB's JSON timestamps use. */
export const nowSeconds = (ctx: { engine: { now(): number } }) => ctx.engine.now() / 1000;
