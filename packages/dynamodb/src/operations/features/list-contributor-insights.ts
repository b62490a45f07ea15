import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { defineOperation } from '../types.js';
import { listInsights } from './support/contributor-insights.js';
import { lookupTable, tableNotFoundResource } from '../table-lookup.js';
import { TableNameSchema } from './support/schemas.js';

const DEFAULT_PAGE = 100;

export const listContributorInsights = defineOperation({
  name: 'ListContributorInsights',
  input: Type.Object({
    TableName: Type.Optional(TableNameSchema),
    NextToken: Type.Optional(Type.String()),
    MaxResults: Type.Optional(Type.Integer({ maximum: 100 })),
  }),
  handle(input, ctx) {
    if (input.TableName !== undefined && !lookupTable(ctx, input.TableName))
      throw tableNotFoundResource(input.TableName);
    const all = listInsights(ctx.engine, ctx.namespace).filter(
      (r) => input.TableName === undefined || r.TableName === input.TableName,
    );
    const start = input.NextToken === undefined ? 0 : decodeToken(input.NextToken);
    const size = input.MaxResults && input.MaxResults > 0 ? input.MaxResults : DEFAULT_PAGE;
    const page = all.slice(start, start + size).map((r) => ({
      TableName: r.TableName,
      ...(r.IndexName ? { IndexName: r.IndexName } : {}),
      ContributorInsightsStatus: r.ContributorInsightsStatus,
      ContributorInsightsMode: r.ContributorInsightsMode,
    }));
    const next = start + size < all.length ? String(start + size) : undefined;
    return { ContributorInsightsSummaries: page, ...(next ? { NextToken: next } : {}) };
  },
});

function decodeToken(token: string): number {
  if (!/^\d{1,9}$/.test(token)) throw validation('Invalid NextToken');
  return Number(token);
}
