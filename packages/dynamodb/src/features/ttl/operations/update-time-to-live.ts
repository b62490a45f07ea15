import { Type } from 'typebox';
import { validation } from '../../../errors.js';
import { defineOperation } from '../../../operations/types.js';
import { requireUsableTable } from '../../../operations/table-lookup.js';
import { saveTable } from '../../../operations/features/support/tables.js';
import { TableNameSchema } from '../../../operations/features/support/schemas.js';
import { ttlIndexFor } from '../service.js';
import type { TableMeta } from '../../../storage/types.js';
import type { OperationContext } from '../../../operations/types.js';
import { CURRENT_VERSION } from '../../global-tables/replica-updates.js';
import { replicaTable } from '../../global-tables/replica-tables.js';

// DynamoDB refuses a second change within ~30 minutes ("Time to live has been modified multiple times within a
// fixed interval"); we do not model that cooldown (README-features.md), only the state rules below.
export const updateTimeToLive = defineOperation({
  name: 'UpdateTimeToLive',
  input: Type.Object({
    TableName: TableNameSchema,
    TimeToLiveSpecification: Type.Object({
      Enabled: Type.Boolean(),
      AttributeName: Type.String({ minLength: 1, maxLength: 255 }),
    }),
  }),
  handle(input, ctx) {
    const { Enabled: enable, AttributeName: attributeName } = input.TimeToLiveSpecification;
    const table = requireUsableTable(ctx, input.TableName);
    const current = table.TimeToLive?.Enabled ? table.TimeToLive : undefined;
    if (current && current.AttributeName !== attributeName) {
      throw validation(
        `TimeToLive is active on a different AttributeName: current AttributeName is ${current.AttributeName}`,
      );
    }
    if (current && enable) throw validation('TimeToLive is already enabled');
    if (!current && !enable) throw validation('TimeToLive is already disabled');
    const setting = { AttributeName: attributeName, Enabled: enable };
    // Version 2019.11.21 global tables keep TTL aligned on every replica (as DynamoDB does).
    for (const member of [table, ...otherReplicas(ctx, table)]) {
      const updated = { ...member, TimeToLive: setting };
      saveTable(ctx, updated);
      const index = ttlIndexFor(ctx.engine);
      // In the background: the index catches up with existing items (or forgets them) after we answer.
      if (enable) void index.rebuild(updated);
      else void index.dropTable(updated.id);
    }
    return { TimeToLiveSpecification: { Enabled: enable, AttributeName: attributeName } };
  },
});

function otherReplicas(ctx: OperationContext, table: TableMeta): TableMeta[] {
  if (table.GlobalTableVersion !== CURRENT_VERSION) return [];
  return (table.Replicas ?? [])
    .map((r) => replicaTable(ctx.engine, table.accountId, r.RegionName, table.TableName))
    .filter((t): t is TableMeta => t !== undefined && t.GlobalTableName === table.GlobalTableName);
}
