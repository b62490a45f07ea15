// Cleans the feature records of a deleted table out of the meta sub-db (contributor insights, PITR window,
// restore summary, TTL index entries). Keys are by table id, which is never reused, so leftovers are harmless;
// this only reclaims the space. Called by DeleteTable (see features-integration.md).
import type { DynamoDBEngine } from '../../../engine.js';
import type { TableMeta } from '../../../storage/types.js';
import { ttlIndexFor } from '../../../ttl/index.js';
import { META, prefixEnd } from './meta-keys.js';
import { recoveryPeriodKey } from './continuous-backups.js';
import { restoreSummaryKey } from './restore.js';

export async function forgetTableFeatures(engine: DynamoDBEngine, table: TableMeta): Promise<void> {
  const { meta } = engine.store;
  const insights = `${META.insights}${table.id}/`;
  const keys = [
    ...meta.getKeys({ start: insights, end: prefixEnd(insights) }),
    recoveryPeriodKey(table.id),
    restoreSummaryKey(table.id),
  ];
  await engine.store.writes.run(() => keys.forEach((key) => meta.remove(key as string)));
  await ttlIndexFor(engine).dropTable(table.id);
}
