import { Type } from 'typebox';
import { DynamoDBError } from '../../../errors.js';
import type { TableMeta } from '../../../storage/types.js';
import { defineOperation, type OperationContext } from '../../../operations/types.js';
import { checkBackupNotInUse, requireBackup } from '../backup-arn.js';
import type { RestoreSummary } from '../../../storage/metadata/index.js';
import { copyBackupInto, restoredTableMeta } from '../restore.js';
import { lookupTable } from '../../../operations/table-lookup.js';
import { BackupArnSchema, PlainTableNameSchema } from '../../../operations/features/support/schemas.js';

const Throughput = Type.Object({
  ReadCapacityUnits: Type.Integer({ minimum: 1 }),
  WriteCapacityUnits: Type.Integer({ minimum: 1 }),
});

export const restoreTableFromBackup = defineOperation({
  name: 'RestoreTableFromBackup',
  input: Type.Object({
    TargetTableName: PlainTableNameSchema,
    BackupArn: BackupArnSchema,
    BillingModeOverride: Type.Optional(Type.Union([Type.Literal('PROVISIONED'), Type.Literal('PAY_PER_REQUEST')])),
    ProvisionedThroughputOverride: Type.Optional(Throughput),
    OnDemandThroughputOverride: Type.Optional(
      Type.Object({
        MaxReadRequestUnits: Type.Optional(Type.Integer()),
        MaxWriteRequestUnits: Type.Optional(Type.Integer()),
      }),
    ),
    // Accepted for wire compatibility; the backup's own indexes and encryption are restored unchanged.
    GlobalSecondaryIndexOverride: Type.Optional(Type.Array(Type.Unknown())),
    LocalSecondaryIndexOverride: Type.Optional(Type.Array(Type.Unknown())),
    SSESpecificationOverride: Type.Optional(Type.Unknown()),
  }),
  async handle(input, ctx) {
    const record = requireBackup(ctx, input.BackupArn);
    checkTargetFree(ctx, input.TargetTableName);
    checkBackupNotInUse(ctx, record.BackupArn);
    const table = restoredTableMeta(ctx, record, input.TargetTableName, input);
    ctx.engine.catalog.put(table);
    const summary: RestoreSummary = {
      SourceBackupArn: record.BackupArn,
      SourceTableArn: record.source.TableArn,
      RestoreDateTime: ctx.engine.now() / 1000,
      RestoreInProgress: true,
    };
    await ctx.engine.storage.metadata.tableSettings.putRestoreSummary(table.id, summary);
    const description = await describeNewTable(ctx, table);
    void copyBackupInto(ctx.engine, record, table).catch(() => undefined);
    return { TableDescription: { ...description, RestoreSummary: summary } };
  },
});

function checkTargetFree(ctx: OperationContext, name: string): void {
  const existing = lookupTable(ctx, name);
  if (!existing) return;
  if (existing.TableStatus === 'DELETING')
    throw new DynamoDBError('TableInUseException', `Table is being deleted: ${name}`);
  throw new DynamoDBError('TableAlreadyExistsException', `Table already exists: ${name}`);
}

/** DescribeTable's projection of the new (CREATING) table; a minimal one if DescribeTable is unavailable. */
async function describeNewTable(ctx: OperationContext, table: TableMeta): Promise<Record<string, unknown>> {
  try {
    const described = (await ctx.engine.dispatch('DescribeTable', { TableName: table.TableName }, ctx)) as {
      Table: Record<string, unknown>;
    };
    return described.Table;
  } catch {
    return {
      TableName: table.TableName,
      TableArn: table.TableArn,
      TableId: table.TableId,
      TableStatus: table.TableStatus,
      CreationDateTime: table.CreationDateTime,
      AttributeDefinitions: table.AttributeDefinitions,
      KeySchema: table.KeySchema,
      ItemCount: 0,
      TableSizeBytes: 0,
    };
  }
}
