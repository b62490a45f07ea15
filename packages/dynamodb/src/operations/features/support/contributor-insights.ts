// Contributor Insights settings, per table and per GSI, kept in the meta sub-db (TableMeta only has room for
// the table-level status, which we mirror there for DescribeTable and others).
import type { DynamoDBEngine } from '../../../engine.js';
import type { TableMeta } from '../../../storage/types.js';
import { META, prefixEnd } from './meta-keys.js';

export type InsightsMode = 'ACCESSED_AND_THROTTLED_KEYS' | 'THROTTLED_KEYS';

export interface ContributorInsightsRecord {
  tableId: number;
  namespace: string;
  TableName: string;
  IndexName?: string;
  ContributorInsightsStatus: 'ENABLED' | 'DISABLED';
  ContributorInsightsMode: InsightsMode;
  /** Epoch ms of the last ENABLE/DISABLE. */
  lastUpdate: number;
}

const recordKey = (tableId: number, indexName: string | undefined) => `${META.insights}${tableId}/${indexName ?? ''}`;

export function readInsights(
  engine: DynamoDBEngine,
  table: TableMeta,
  indexName?: string,
): ContributorInsightsRecord | undefined {
  return engine.store.meta.get(recordKey(table.id, indexName)) as ContributorInsightsRecord | undefined;
}

export async function writeInsights(engine: DynamoDBEngine, record: ContributorInsightsRecord): Promise<void> {
  await engine.store.writes.run(() => void engine.store.meta.put(recordKey(record.tableId, record.IndexName), record));
}

/** Every record of a namespace whose table still exists (a dropped table's records are skipped). */
export function listInsights(engine: DynamoDBEngine, namespace: string): ContributorInsightsRecord[] {
  const live = new Map(engine.catalog.list(namespace).map((t) => [t.id, t]));
  const records: ContributorInsightsRecord[] = [];
  for (const { value } of engine.store.meta.getRange({ start: META.insights, end: prefixEnd(META.insights) })) {
    const record = value as ContributorInsightsRecord;
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
