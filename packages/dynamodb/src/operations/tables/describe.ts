// TableDescription as DynamoDB renders it. Exact about absent vs zero (ACK convergence traps):
// BillingModeSummary for PAY_PER_REQUEST, DeletionProtectionEnabled always explicit, every GSI with IndexStatus,
// StreamSpecification only once streams were ever enabled, SSEDescription only for non-default encryption,
// OnDemandThroughput only when set.
import type { DynamoDBEngine } from '../../engine.js';
import type { IndexMeta, ProvisionedThroughputMeta, TableMeta } from '../../storage/types.js';
import { readStats } from '../../storage/items.js';

export function describeTable(engine: DynamoDBEngine, table: TableMeta): Record<string, unknown> {
  const stats = readStats(engine.storage.store, table, 0);
  const out: Record<string, unknown> = {
    AttributeDefinitions: table.AttributeDefinitions,
    TableName: table.TableName,
    KeySchema: table.KeySchema,
    TableStatus: table.TableStatus,
    CreationDateTime: table.CreationDateTime,
    ProvisionedThroughput: throughput(table.ProvisionedThroughput),
    TableSizeBytes: stats.bytes,
    ItemCount: stats.count,
    TableArn: table.TableArn,
    TableId: table.TableId,
  };
  if (table.BillingModeSummary) out.BillingModeSummary = table.BillingModeSummary;
  if (table.LocalSecondaryIndexes.length > 0) {
    out.LocalSecondaryIndexes = table.LocalSecondaryIndexes.map((index) => describeLocalIndex(engine, table, index));
  }
  if (table.GlobalSecondaryIndexes.length > 0) {
    out.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.map((index) => describeGlobalIndex(engine, table, index));
  }
  if (table.StreamSpecification) out.StreamSpecification = table.StreamSpecification;
  if (table.LatestStreamLabel) out.LatestStreamLabel = table.LatestStreamLabel;
  if (table.LatestStreamArn) out.LatestStreamArn = table.LatestStreamArn;
  if (table.GlobalTableVersion) out.GlobalTableVersion = table.GlobalTableVersion;
  if (table.Replicas && table.Replicas.length > 0) out.Replicas = table.Replicas;
  if (table.SSEDescription) out.SSEDescription = table.SSEDescription;
  if (table.TableClassSummary) out.TableClassSummary = table.TableClassSummary;
  out.DeletionProtectionEnabled = table.DeletionProtectionEnabled;
  if (table.OnDemandThroughput) out.OnDemandThroughput = table.OnDemandThroughput;
  const restore = engine.storage.metadata.tableSettings.restoreSummary(table.id);
  if (restore) out.RestoreSummary = restore; // ACK's status.restoreSummary
  return out;
}

export const indexArn = (table: TableMeta, indexName: string) => `${table.TableArn}/index/${indexName}`;

function describeGlobalIndex(engine: DynamoDBEngine, table: TableMeta, index: IndexMeta): Record<string, unknown> {
  const stats = readStats(engine.storage.store, table, index.id);
  const out: Record<string, unknown> = {
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
    IndexStatus: index.IndexStatus,
  };
  if (index.Backfilling !== undefined) out.Backfilling = index.Backfilling;
  out.ProvisionedThroughput = throughput(index.ProvisionedThroughput);
  out.IndexSizeBytes = stats.bytes;
  out.ItemCount = stats.count;
  out.IndexArn = indexArn(table, index.IndexName);
  if (index.OnDemandThroughput) out.OnDemandThroughput = index.OnDemandThroughput;
  return out;
}

function describeLocalIndex(engine: DynamoDBEngine, table: TableMeta, index: IndexMeta): Record<string, unknown> {
  const stats = readStats(engine.storage.store, table, index.id);
  return {
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
    IndexSizeBytes: stats.bytes,
    ItemCount: stats.count,
    IndexArn: indexArn(table, index.IndexName),
  };
}

/** PAY_PER_REQUEST tables and their GSIs report {0, 0} with NumberOfDecreasesToday 0. */
function throughput(meta: ProvisionedThroughputMeta | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (meta?.LastIncreaseDateTime !== undefined) out.LastIncreaseDateTime = meta.LastIncreaseDateTime;
  if (meta?.LastDecreaseDateTime !== undefined) out.LastDecreaseDateTime = meta.LastDecreaseDateTime;
  out.NumberOfDecreasesToday = meta?.NumberOfDecreasesToday ?? 0;
  out.ReadCapacityUnits = meta?.ReadCapacityUnits ?? 0;
  out.WriteCapacityUnits = meta?.WriteCapacityUnits ?? 0;
  return out;
}
