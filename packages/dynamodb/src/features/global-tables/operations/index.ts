// The global tables feature's operations (version 2017.11.29; version 2019.11.21 is UpdateTable ReplicaUpdates).
import type { Operation } from '../../../operations/types.js';
import { createGlobalTable } from './create-global-table.js';
import { describeGlobalTableSettings } from './describe-global-table-settings.js';
import { describeGlobalTable } from './describe-global-table.js';
import { listGlobalTablesOperation } from './list-global-tables.js';
import { updateGlobalTable } from './update-global-table.js';

export const globalTableOperations: Operation<any>[] = [
  createGlobalTable,
  describeGlobalTable,
  updateGlobalTable,
  listGlobalTablesOperation,
  describeGlobalTableSettings,
];
