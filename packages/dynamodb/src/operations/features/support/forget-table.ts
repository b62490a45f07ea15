// Cleans the feature records of a deleted table out of the meta sub-db (contributor insights, PITR window,
// restore summary, TTL index entries). Keys are by table id, which is never reused, so leftovers are harmless;
// this only reclaims the space. Called by DeleteTable.
import type { DynamoDBEngine } from '../../../engine.js';
import type { TableMeta } from '../../../storage/types.js';
import { ttlIndexFor } from '../../../features/ttl/service.js';

export async function forgetTableFeatures(engine: DynamoDBEngine, table: TableMeta): Promise<void> {
  await engine.storage.metadata.tableSettings.forgetTable(table.id);
  await ttlIndexFor(engine).dropTable(table.id);
}
