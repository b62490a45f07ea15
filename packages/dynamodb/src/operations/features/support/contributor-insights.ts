// Contributor Insights settings, per table and per GSI, kept in the meta sub-db (TableMeta only has room for
// the table-level status, which we mirror there for DescribeTable and others).
import type { DynamoDBEngine } from '../../../engine.js';
import type { TableMeta } from '../../../storage/types.js';
import type { ContributorInsightsRecord } from '../../../storage/metadata/index.js';

export type { ContributorInsightsRecord, InsightsMode } from '../../../storage/metadata/index.js';

export function readInsights(
  engine: DynamoDBEngine,
  table: TableMeta,
  indexName?: string,
): ContributorInsightsRecord | undefined {
  return engine.storage.metadata.tableSettings.insights(table.id, indexName);
}

export async function writeInsights(engine: DynamoDBEngine, record: ContributorInsightsRecord): Promise<void> {
  await engine.storage.metadata.tableSettings.putInsights(record);
}

/** Every record of a namespace whose table still exists (a dropped table's records are skipped). */
export function listInsights(engine: DynamoDBEngine, namespace: string): ContributorInsightsRecord[] {
  const live = new Map(engine.catalog.list(namespace).map((t) => [t.id, t]));
  const records: ContributorInsightsRecord[] = [];
  for (const record of engine.storage.metadata.tableSettings.allInsights()) {
    const table = live.get(record.tableId);
    if (record.namespace !== namespace || !table) continue;
    if (record.IndexName && !table.GlobalSecondaryIndexes.some((i) => i.IndexName === record.IndexName)) continue;
    records.push(record);
  }
  return records.sort(
    (a, b) => a.TableName.localeCompare(b.TableName) || (a.IndexName ?? '').localeCompare(b.IndexName ?? ''),
  );
}

/** The CloudWatch Contributor Insights rules DynamoDB creates: partition keys (and sort keys), accessed and throttled. */
export function ruleList(table: TableMeta, record: ContributorInsightsRecord): string[] {
  const key = record.IndexName
    ? table.GlobalSecondaryIndexes.find((i) => i.IndexName === record.IndexName)?.key
    : table.key;
  const kinds = key?.range ? ['PKC', 'PKT', 'SKC', 'SKT'] : ['PKC', 'PKT'];
  const used = record.ContributorInsightsMode === 'THROTTLED_KEYS' ? kinds.filter((k) => k.endsWith('T')) : kinds;
  const target = record.IndexName ? `${table.TableName}-${record.IndexName}` : table.TableName;
  return used.map((kind) => `DynamoDBContributorInsights-${kind}-${target}-${record.lastUpdate}`);
}
