// UpdateTable's ReplicaUpdates (global tables version 2019.11.21) belong to the global-tables feature.
// That module registers its handler here at import time; UpdateTable calls it with the table record to change.
import type { TableMeta } from '../../storage/types.js';
import type { OperationContext } from '../types.js';

export type ReplicaUpdatesHandler = (
  ctx: OperationContext,
  table: TableMeta,
  replicaUpdates: unknown[],
) => TableMeta | Promise<TableMeta>;

let handler: ReplicaUpdatesHandler | undefined;

export function registerReplicaUpdatesHandler(fn: ReplicaUpdatesHandler) {
  handler = fn;
}

export const replicaUpdatesHandler = () => handler;
