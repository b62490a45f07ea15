// ACK's Table ReadOne (sdkFind + customSetOutput hooks): DescribeTable, then the settings DescribeTable does not
// carry, with the requeues ACK applies while the table or an index is still changing.
import { isCallError } from '../../aws/client.js';
import type { TableSpec, TableStatus } from '../../api/table.js';
import { NotFoundError, RequeueAfter } from '../../runtime/errors.js';
import type { AckResource, ReadResult, ReconcileContext } from '../../runtime/resource-manager.js';
import { specFromDescription, statusFromDescription } from './convert.js';

export type TableResource = AckResource<TableSpec, TableStatus>;

export const stateMessage = (state: string) => `table in '${state}' state, cannot be modified or deleted`;

/** Optional APIs some DynamoDB-compatible servers lack (DynamoDB Local has no contributor insights or policies). */
const isUnsupported = (error: unknown) =>
  isCallError(error) && (error.code === 'UnknownOperationException' || error.code === 'NotImplementedException');

async function optional<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isUnsupported(error)) return undefined;
    throw error;
  }
}

export async function readTable(
  desired: TableResource,
  ctx: ReconcileContext,
): Promise<ReadResult<TableSpec, TableStatus>> {
  const call = <T = any>(op: string, input: Record<string, unknown>) => ctx.dynamodb.call<T>(op, input, ctx.target);
  let description: Record<string, any>;
  try {
    description = (await call('DescribeTable', { TableName: desired.spec.tableName })).Table;
  } catch (error) {
    if (isCallError(error, 'ResourceNotFoundException')) throw new NotFoundError(error.message);
    throw error;
  }
  const latest: TableResource = {
    object: desired.object,
    spec: specFromDescription(description),
    status: statusFromDescription(description),
    arn: description.TableArn,
  };
  const state = description.TableStatus as string;
  if (state === 'CREATING') return { latest, requeue: new RequeueAfter(ctx.delay(5), stateMessage(state)) };
  const pendingIndex = (description.GlobalSecondaryIndexes ?? []).find((g: any) => g.IndexStatus !== 'ACTIVE');
  if (pendingIndex) {
    return {
      latest,
      requeue: new RequeueAfter(
        ctx.delay(10),
        `GSI '${pendingIndex.IndexName}' in '${pendingIndex.IndexStatus}' state, cannot be modified or deleted`,
      ),
    };
  }

  const insights = await optional(() => call('DescribeContributorInsights', { TableName: desired.spec.tableName }));
  if (insights?.ContributorInsightsStatus && desired.spec.contributorInsights !== undefined) {
    latest.spec.contributorInsights = insights.ContributorInsightsStatus;
  }
  if (state === 'UPDATING') return { latest, requeue: new RequeueAfter(ctx.delay(10), stateMessage(state)) };
  if (insights?.ContributorInsightsStatus === 'ENABLING' || insights?.ContributorInsightsStatus === 'DISABLING') {
    return {
      latest,
      requeue: new RequeueAfter(ctx.delay(10), `contributor insights in '${insights.ContributorInsightsStatus}' state`),
    };
  }

  latest.spec.tags = await listTags(description.TableArn, ctx);
  const ttl = await optional(() => call('DescribeTimeToLive', { TableName: desired.spec.tableName }));
  if (ttl?.TimeToLiveDescription) {
    const s = ttl.TimeToLiveDescription.TimeToLiveStatus;
    latest.spec.timeToLive = {
      attributeName: ttl.TimeToLiveDescription.AttributeName,
      enabled: s === 'ENABLED' || s === 'ENABLING',
    };
  }
  const backups = await optional(() => call('DescribeContinuousBackups', { TableName: desired.spec.tableName }));
  const pitr = backups?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
  if (pitr) latest.spec.continuousBackups = { pointInTimeRecoveryEnabled: pitr === 'ENABLED' };
  try {
    const policy = await optional(() => call('GetResourcePolicy', { ResourceArn: description.TableArn }));
    if (policy?.Policy) latest.spec.resourcePolicy = policy.Policy;
  } catch (error) {
    if (!isCallError(error, 'PolicyNotFoundException') && !isCallError(error, 'ResourceNotFoundException')) throw error;
  }
  return { latest };
}

async function listTags(arn: string, ctx: ReconcileContext): Promise<TableSpec['tags']> {
  const tags: NonNullable<TableSpec['tags']> = [];
  let nextToken: string | undefined;
  do {
    const page = await optional(() =>
      ctx.dynamodb.call(
        'ListTagsOfResource',
        { ResourceArn: arn, ...(nextToken ? { NextToken: nextToken } : {}) },
        ctx.target,
      ),
    );
    if (!page) return undefined;
    for (const t of page.Tags ?? []) tags.push({ key: t.Key, value: t.Value });
    nextToken = page.NextToken;
  } while (nextToken);
  return tags;
}
