import { Type } from 'typebox';
import { defineOperation } from '../../../operations/types.js';
import { PlainTableNameSchema, RegionNameSchema } from '../../../operations/features/support/schemas.js';
import { isLegacyGroup } from '../../../storage/metadata/index.js';

const DEFAULT_LIMIT = 100;

export const listGlobalTablesOperation = defineOperation({
  name: 'ListGlobalTables',
  input: Type.Object({
    ExclusiveStartGlobalTableName: Type.Optional(PlainTableNameSchema),
    Limit: Type.Optional(Type.Integer({ minimum: 1 })),
    RegionName: Type.Optional(RegionNameSchema),
  }),
  handle(input, ctx) {
    const start = input.ExclusiveStartGlobalTableName;
    const all = ctx.engine.storage.metadata.globalTables
      .list(ctx.accountId)
      .filter(
        (r) =>
          isLegacyGroup(r) &&
          (input.RegionName === undefined || r.regions.includes(input.RegionName)) &&
          (start === undefined || r.GlobalTableName > start),
      );
    const limit = Math.min(input.Limit ?? DEFAULT_LIMIT, DEFAULT_LIMIT);
    const page = all.slice(0, limit);
    return {
      GlobalTables: page.map((r) => ({
        GlobalTableName: r.GlobalTableName,
        ReplicationGroup: r.regions.map((RegionName) => ({ RegionName })),
      })),
      ...(all.length > limit ? { LastEvaluatedGlobalTableName: page[page.length - 1]!.GlobalTableName } : {}),
    };
  },
});
