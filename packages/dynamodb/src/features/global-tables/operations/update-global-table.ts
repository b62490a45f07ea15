import { Type } from 'typebox';
import { DynamoDBError, validation } from '../../../errors.js';
import { defineOperation, type OperationContext } from '../../../operations/types.js';
import { globalTableDescription, memberTables, requireGlobalTable, setMembership } from '../legacy-groups.js';
import { PlainTableNameSchema, RegionNameSchema } from '../../../operations/features/support/schemas.js';
import type { GlobalTableRecord } from '../../../storage/metadata/index.js';
import { replicaTable, requireEligibleReplica } from '../replica-tables.js';
import { replicatorFor } from '../replication.js';

const RegionAction = Type.Object({ RegionName: RegionNameSchema });

export const updateGlobalTable = defineOperation({
  name: 'UpdateGlobalTable',
  input: Type.Object({
    GlobalTableName: PlainTableNameSchema,
    ReplicaUpdates: Type.Array(
      Type.Object({ Create: Type.Optional(RegionAction), Delete: Type.Optional(RegionAction) }),
    ),
  }),
  async handle(input, ctx) {
    if (input.ReplicaUpdates.length === 0) throw validation('One or more parameter values were invalid');
    for (const update of input.ReplicaUpdates) {
      if ((update.Create === undefined) === (update.Delete === undefined))
        throw validation('One or more parameter values were invalid');
    }
    let record = requireGlobalTable(ctx, input.GlobalTableName);
    for (const update of input.ReplicaUpdates) {
      record = update.Create
        ? await addReplica(ctx, record, update.Create.RegionName)
        : await removeReplica(ctx, record, update.Delete!.RegionName);
    }
    return { GlobalTableDescription: globalTableDescription(record) };
  },
});

async function addReplica(
  ctx: OperationContext,
  record: GlobalTableRecord,
  region: string,
): Promise<GlobalTableRecord> {
  const name = record.GlobalTableName;
  if (record.regions.includes(region)) {
    throw new DynamoDBError(
      'ReplicaAlreadyExistsException',
      `Replica already exists in region ${region} for global table ${name}`,
    );
  }
  const members = memberTables(ctx, record);
  const source = [...members.values()][0];
  const table = requireEligibleReplica(ctx.engine, record.accountId, region, name, source);
  const updated = { ...record, regions: [...record.regions, region] };
  await ctx.engine.storage.metadata.globalTables.put(updated);
  const member = setMembership(ctx, table, name);
  // The new replica starts with the global table's current data (as DynamoDB backfills a new replica).
  if (source) void replicatorFor(ctx.engine).seed(source, member);
  return updated;
}

async function removeReplica(
  ctx: OperationContext,
  record: GlobalTableRecord,
  region: string,
): Promise<GlobalTableRecord> {
  const name = record.GlobalTableName;
  if (!record.regions.includes(region)) {
    throw new DynamoDBError(
      'ReplicaNotFoundException',
      `Replica not found in region ${region} for global table ${name}`,
    );
  }
  const table = replicaTable(ctx.engine, record.accountId, region, name);
  if (table && table.GlobalTableName === name) setMembership(ctx, table, undefined);
  const updated = { ...record, regions: record.regions.filter((r) => r !== region) };
  if (updated.regions.length === 0) await ctx.engine.storage.metadata.globalTables.remove(updated);
  else await ctx.engine.storage.metadata.globalTables.put(updated);
  return updated;
}
