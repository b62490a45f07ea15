// DeleteTable: answers the DELETING description; items go at once, the record after tableDelayMs.
// CREATING and UPDATING tables, and tables with an index in flux, are ResourceInUse (API reference, AWS probes).
import Type from 'typebox';
import { resourceInUse, validation } from '../../errors.js';
import { requireTable } from '../table-lookup.js';
import type { TableMeta } from '../../storage/types.js';
import { defineOperation } from '../types.js';
import { describeTable } from './describe.js';
import { dropTableItems } from '../../storage/items.js';
import { forgetTableFeatures } from '../features/support/forget-table.js';
import { detachDeletedMember } from '../../features/global-tables/replica-updates.js';
import { TableName } from './schemas.js';

/** DeleteTable's answer leaves out what DescribeTable tells about the table's shape: ScyllaDB's
 *  test/alternator/test_table.py (test_delete_table_description, _with_si; run against DynamoDB). */
const LEFT_OUT_OF_DELETE = [
  'CreationDateTime',
  'KeySchema',
  'AttributeDefinitions',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
];

function deletedDescription(description: Record<string, unknown>): Record<string, unknown> {
  for (const field of LEFT_OUT_OF_DELETE) delete description[field];
  return description;
}

const inUse = (detail: string) => resourceInUse(`Attempt to change a resource which is still in use: ${detail}`);

export const deleteTable = defineOperation({
  name: 'DeleteTable',
  input: Type.Object({ TableName }),
  async handle(request, ctx) {
    const { engine } = ctx;
    const table = requireTable(ctx, request.TableName);
    if (table.DeletionProtectionEnabled) {
      throw validation(
        'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
      );
    }
    // A table already DELETING answers its description again, without an error (API reference).
    if (table.TableStatus === 'DELETING') return { TableDescription: deletedDescription(describeTable(engine, table)) };
    if (table.TableStatus === 'CREATING') throw inUse(`Table is being created: ${table.TableName}`);
    if (table.GlobalSecondaryIndexes.some((index) => index.IndexStatus !== 'ACTIVE')) {
      throw inUse('Cannot delete table while indexes are being created, updated, or deleted.');
    }
    if (table.TableStatus === 'UPDATING') throw inUse(`Table is being updated: ${table.TableName}`);
    const deleting: TableMeta = {
      ...table,
      TableStatus: 'DELETING',
      settlesAt: engine.now() + engine.options.tableDelayMs,
    };
    const description = deletedDescription(describeTable(engine, deleting));
    // Table ids are never reused, so the items can go before the record does.
    if (engine.options.tableDelayMs > 0) engine.catalog.put(deleting);
    else engine.catalog.remove(table);
    await dropTableItems(engine.storage.store, table);
    await forgetTableFeatures(engine, table);
    await detachDeletedMember(ctx, table);
    return { TableDescription: description };
  },
});
