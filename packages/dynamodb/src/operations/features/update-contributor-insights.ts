import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { defineOperation } from '../types.js';
import { readInsights, writeInsights, type InsightsMode } from './support/contributor-insights.js';
import { requireInsightsTarget } from './support/insights-target.js';
import { saveTable } from './support/tables.js';
import { IndexNameSchema, TableNameSchema } from './support/schemas.js';

export const updateContributorInsights = defineOperation({
  name: 'UpdateContributorInsights',
  input: Type.Object({
    TableName: TableNameSchema,
    IndexName: Type.Optional(IndexNameSchema),
    ContributorInsightsAction: Type.Union([Type.Literal('ENABLE'), Type.Literal('DISABLE')]),
    ContributorInsightsMode: Type.Optional(
      Type.Union([Type.Literal('ACCESSED_AND_THROTTLED_KEYS'), Type.Literal('THROTTLED_KEYS')]),
    ),
  }),
  async handle(input, ctx) {
    const table = requireInsightsTarget(ctx, input.TableName, input.IndexName);
    if (table.TableStatus !== 'ACTIVE') {
      throw validation(
        'Table or Index is not in a valid state to update Key Access Insights: TableStatus must be ACTIVE to enable ContributorInsights.',
      );
    }
    const enable = input.ContributorInsightsAction === 'ENABLE';
    const previous = readInsights(ctx.engine, table, input.IndexName);
    const mode: InsightsMode =
      input.ContributorInsightsMode ?? previous?.ContributorInsightsMode ?? 'ACCESSED_AND_THROTTLED_KEYS';
    const status = enable ? 'ENABLED' : 'DISABLED';
    // The table record is saved before any await, so no concurrent change to it is overwritten.
    if (input.IndexName === undefined) saveTable(ctx, { ...table, ContributorInsightsStatus: status });
    await writeInsights(ctx.engine, {
      tableId: table.id,
      namespace: table.namespace,
      TableName: table.TableName,
      ...(input.IndexName !== undefined ? { IndexName: input.IndexName } : {}),
      ContributorInsightsStatus: status,
      ContributorInsightsMode: mode,
      lastUpdate: ctx.engine.now(),
    });
    // DynamoDB answers with the transition (ENABLING/DISABLING); ours completes at once, so Describe already
    // reports the settled state and the ACK controller's "requeue while ENABLING" never triggers.
    return {
      TableName: table.TableName,
      ...(input.IndexName !== undefined ? { IndexName: input.IndexName } : {}),
      ContributorInsightsStatus: enable ? 'ENABLING' : 'DISABLING',
      ContributorInsightsMode: mode,
    };
  },
});
