import { Type } from 'typebox';
import type { TableMeta } from '../../../storage/types.js';
import { defineOperation } from '../../../operations/types.js';
import { memberTables, requireGlobalTable, settingsNotFound } from '../legacy-groups.js';
import { PlainTableNameSchema } from '../../../operations/features/support/schemas.js';

export const describeGlobalTableSettings = defineOperation({
  name: 'DescribeGlobalTableSettings',
  input: Type.Object({ GlobalTableName: PlainTableNameSchema }),
  handle(input, ctx) {
    const record = requireGlobalTable(ctx, input.GlobalTableName, settingsNotFound(input.GlobalTableName));
    const members = memberTables(ctx, record);
    return {
      GlobalTableName: record.GlobalTableName,
      ReplicaSettings: record.regions.map((region) => {
        const table = members.get(region);
        return table ? replicaSettings(region, table) : { RegionName: region, ReplicaStatus: 'DELETING' };
      }),
    };
  },
});

function replicaSettings(region: string, table: TableMeta) {
  const billingMode = table.BillingModeSummary?.BillingMode ?? table.BillingMode;
  return {
    RegionName: region,
    ReplicaStatus: 'ACTIVE',
    ReplicaBillingModeSummary: { BillingMode: billingMode },
    ReplicaProvisionedReadCapacityUnits: table.ProvisionedThroughput.ReadCapacityUnits,
    ReplicaProvisionedWriteCapacityUnits: table.ProvisionedThroughput.WriteCapacityUnits,
    ReplicaGlobalSecondaryIndexSettings: table.GlobalSecondaryIndexes.map((index) => ({
      IndexName: index.IndexName,
      IndexStatus: index.IndexStatus,
      ProvisionedReadCapacityUnits: index.ProvisionedThroughput?.ReadCapacityUnits ?? 0,
      ProvisionedWriteCapacityUnits: index.ProvisionedThroughput?.WriteCapacityUnits ?? 0,
    })),
  };
}
