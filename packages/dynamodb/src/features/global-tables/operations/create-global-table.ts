import { Type } from 'typebox';
import { DynamoDBError } from '../../../errors.js';
import type { TableMeta } from '../../../storage/types.js';
import { defineOperation } from '../../../operations/types.js';
import { globalTableArn } from '../../../operations/features/support/arn.js';
import { checkDistinctRegions, globalTableDescription, LEGACY_VERSION, setMembership } from '../legacy-groups.js';
import { PlainTableNameSchema, RegionNameSchema } from '../../../operations/features/support/schemas.js';
import type { GlobalTableRecord } from '../../../storage/metadata/index.js';
import { requireEligibleReplica } from '../replica-tables.js';
import { startReplication } from '../replication.js';

export const createGlobalTable = defineOperation({
  name: 'CreateGlobalTable',
  input: Type.Object({
    GlobalTableName: PlainTableNameSchema,
    ReplicationGroup: Type.Array(Type.Object({ RegionName: RegionNameSchema })),
  }),
  async handle(input, ctx) {
    const name = input.GlobalTableName;
    const regions = input.ReplicationGroup.map((r) => r.RegionName);
    checkDistinctRegions(regions);
    if (ctx.engine.storage.metadata.globalTables.get(ctx.accountId, name)) {
      throw new DynamoDBError('GlobalTableAlreadyExistsException', `Global table with name: '${name}' already exists.`);
    }
    // Every replica must already exist, empty, with NEW_AND_OLD_IMAGES streams and the same keys.
    const replicas: TableMeta[] = [];
    for (const region of regions)
      replicas.push(requireEligibleReplica(ctx.engine, ctx.accountId, region, name, replicas[0]));
    startReplication(ctx.engine);
    const record: GlobalTableRecord = {
      GlobalTableName: name,
      accountId: ctx.accountId,
      GlobalTableArn: globalTableArn(ctx.accountId, name),
      CreationDateTime: ctx.engine.now() / 1000,
      version: LEGACY_VERSION,
      regions,
    };
    await ctx.engine.storage.metadata.globalTables.put(record);
    for (const replica of replicas) setMembership(ctx, replica, name);
    return { GlobalTableDescription: globalTableDescription(record) };
  },
});
