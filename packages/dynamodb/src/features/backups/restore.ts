// RestoreTableFromBackup's table creation and background item copy. The restored table is CREATING until every
// item is written (then it settles after the engine's tableDelayMs), so waiters polling for ACTIVE see all data.
import { randomUUID } from 'node:crypto';
import type { DynamoDBEngine } from '../../engine.js';
import { putItems } from '../../storage/items.js';
import type { IndexMeta, ProvisionedThroughputMeta, TableMeta } from '../../storage/types.js';
import type { OperationContext } from '../../operations/types.js';
import { parseDynamoDBArn } from '../../operations/features/support/arn.js';
import type { BackupRecord } from '../../storage/metadata/index.js';

/** Never settles by itself: the copy sets the real settle time when it finishes. */
const UNTIL_COPIED = Number.MAX_SAFE_INTEGER;

export interface RestoreOverrides {
  BillingModeOverride?: 'PROVISIONED' | 'PAY_PER_REQUEST';
  ProvisionedThroughputOverride?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  OnDemandThroughputOverride?: { MaxReadRequestUnits?: number; MaxWriteRequestUnits?: number };
}

/** What a restore keeps: keys, indexes, capacity and encryption. Tags, streams, TTL, PITR, insights, policies,
 *  deletion protection and global-table membership must be set up again (as on DynamoDB). */
export function restoredTableMeta(
  ctx: OperationContext,
  record: BackupRecord,
  targetName: string,
  overrides: RestoreOverrides,
): TableMeta {
  const { source } = record;
  const partition = parseDynamoDBArn(source.TableArn)?.partition ?? 'aws';
  const billingMode = overrides.BillingModeOverride ?? source.BillingModeSummary?.BillingMode ?? source.BillingMode;
  const throughput = freshThroughput(overrides.ProvisionedThroughputOverride ?? source.ProvisionedThroughput);
  const restoredIndex = (index: IndexMeta): IndexMeta => ({
    ...index,
    IndexStatus: 'CREATING',
    settlesAt: UNTIL_COPIED,
    ...(index.ProvisionedThroughput ? { ProvisionedThroughput: freshThroughput(index.ProvisionedThroughput) } : {}),
  });
  const onDemand = overrides.OnDemandThroughputOverride ?? source.OnDemandThroughput;
  return {
    id: ctx.engine.catalog.allocateTableId(),
    namespace: ctx.namespace,
    accountId: ctx.accountId,
    region: ctx.region,
    TableName: targetName,
    TableArn: `arn:${partition}:dynamodb:${ctx.region}:${ctx.accountId}:table/${targetName}`,
    TableId: randomUUID(),
    CreationDateTime: ctx.engine.now() / 1000,
    TableStatus: 'CREATING',
    settlesAt: UNTIL_COPIED,
    AttributeDefinitions: source.AttributeDefinitions,
    KeySchema: source.KeySchema,
    key: source.key,
    BillingMode: billingMode,
    ...(source.BillingModeSummary || overrides.BillingModeOverride
      ? { BillingModeSummary: { BillingMode: billingMode } }
      : {}),
    ProvisionedThroughput:
      billingMode === 'PAY_PER_REQUEST' ? freshThroughput({ ReadCapacityUnits: 0, WriteCapacityUnits: 0 }) : throughput,
    ...(onDemand && billingMode === 'PAY_PER_REQUEST' ? { OnDemandThroughput: onDemand } : {}),
    GlobalSecondaryIndexes: source.GlobalSecondaryIndexes.map(restoredIndex),
    LocalSecondaryIndexes: source.LocalSecondaryIndexes.map(restoredIndex),
    ...(source.SSEDescription ? { SSEDescription: source.SSEDescription } : {}),
    DeletionProtectionEnabled: false,
    Tags: [],
    PointInTimeRecoveryEnabled: false,
  };
}

/** Writes the backup's items into the new table, then lets it settle. */
export async function copyBackupInto(engine: DynamoDBEngine, record: BackupRecord, table: TableMeta): Promise<void> {
  const { backups, tableSettings } = engine.storage.metadata;
  backups.inRestore.add(record.BackupArn);
  // Indexes are written as ACTIVE ones would be: the copy itself is their backfill.
  const writable: TableMeta = {
    ...table,
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes.map((i) => ({ ...i, IndexStatus: 'ACTIVE' })),
    LocalSecondaryIndexes: table.LocalSecondaryIndexes.map((i) => ({ ...i, IndexStatus: 'ACTIVE' })),
  };
  try {
    for (const items of backups.chunks(record)) await putItems(engine.storage, writable, items, 'restore');
  } finally {
    backups.inRestore.delete(record.BackupArn);
    settle(engine, table);
    const summary = tableSettings.restoreSummary(table.id);
    if (summary) await tableSettings.putRestoreSummary(table.id, { ...summary, RestoreInProgress: false });
  }
}

function settle(engine: DynamoDBEngine, restored: TableMeta): void {
  const current = engine.catalog.get(restored.namespace, restored.TableName);
  if (!current || current.id !== restored.id) return; // deleted meanwhile
  const settlesAt = engine.now() + engine.options.tableDelayMs;
  engine.catalog.put({
    ...current,
    settlesAt,
    GlobalSecondaryIndexes: current.GlobalSecondaryIndexes.map((i) => ({ ...i, settlesAt })),
    LocalSecondaryIndexes: current.LocalSecondaryIndexes.map((i) => ({ ...i, settlesAt })),
  });
}

function freshThroughput(t: { ReadCapacityUnits: number; WriteCapacityUnits: number }): ProvisionedThroughputMeta {
  return {
    ReadCapacityUnits: t.ReadCapacityUnits,
    WriteCapacityUnits: t.WriteCapacityUnits,
    NumberOfDecreasesToday: 0,
  };
}

/** Restarts the copy of every restore a previous process left unfinished (putItems is idempotent). Call once at
 *  engine start; the restored tables stay CREATING until their copy completes. */
export async function resumeRestores(engine: DynamoDBEngine): Promise<void> {
  const { backups, tableSettings } = engine.storage.metadata;
  for (const table of engine.catalog.all()) {
    const summary = tableSettings.restoreSummary(table.id);
    if (!summary?.RestoreInProgress) continue;
    const record = backups.get(summary.SourceBackupArn);
    if (record) await copyBackupInto(engine, record, table);
    else {
      settle(engine, table);
      await tableSettings.putRestoreSummary(table.id, { ...summary, RestoreInProgress: false });
    }
  }
}
