import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { readInsights, ruleList } from './support/contributor-insights.js';
import { requireInsightsTarget } from './support/insights-target.js';
import { IndexNameSchema, TableNameSchema } from './support/schemas.js';

export const describeContributorInsights = defineOperation({
  name: 'DescribeContributorInsights',
  input: Type.Object({ TableName: TableNameSchema, IndexName: Type.Optional(IndexNameSchema) }),
  handle(input, ctx) {
    const table = requireInsightsTarget(ctx, input.TableName, input.IndexName);
    const record = readInsights(ctx.engine, table, input.IndexName);
    const target = {
      TableName: table.TableName,
      ...(input.IndexName !== undefined ? { IndexName: input.IndexName } : {}),
    };
    if (!record) return { ...target, ContributorInsightsStatus: 'DISABLED' };
    const enabled = record.ContributorInsightsStatus === 'ENABLED';
    return {
      ...target,
      ...(enabled ? { ContributorInsightsRuleList: ruleList(table, record) } : {}),
      ContributorInsightsStatus: record.ContributorInsightsStatus,
      LastUpdateDateTime: record.lastUpdate / 1000,
      ...(enabled ? { ContributorInsightsMode: record.ContributorInsightsMode } : {}),
    };
  },
});
