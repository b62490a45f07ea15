import type { Operation } from '../types.js';
import { createTable } from './create-table.js';
import { deleteTable } from './delete-table.js';
import { describeEndpoints } from './describe-endpoints.js';
import { describeLimits } from './describe-limits.js';
import { describeTable } from './describe-table.js';
import { listTables } from './list-tables.js';
import { updateTable } from './update-table.js';
// One import per operation module of this group.
export const tableOperations: Operation<any>[] = [
  createTable,
  describeTable,
  listTables,
  deleteTable,
  updateTable,
  describeLimits,
  describeEndpoints,
];
export { describeTable as describeTableDescription } from './describe.js';
