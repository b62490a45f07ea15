// ACK's customUpdateTable, step by step in ACK's order. Differences from the real controller (see README):
// - each UpdateTable call ends the reconcile (requeue 10s), because DynamoDB refuses a second UpdateTable while the
//   table is UPDATING; the remaining steps run on the next reconcile, so the end state is the same;
// - update-time ValidationExceptions stay Terminal (ACK wraps some of them and retries forever, community#3006);
// - a GSI whose keySchema/projection changed is Terminal with a clear message instead of an endless update loop.
import { isCallError } from '../../aws/client.js';
import type { TableSpec } from '../../api/table.js';
import { RequeueAfter, TerminalError } from '../../runtime/errors.js';
import type { ReadResult, ReconcileContext } from '../../runtime/resource-manager.js';
import {
  statusFromDescription,
  attributeDefinitionsToDdb,
  gsiToDdb,
  onDemandToDdb,
  sseToDdb,
  streamUpdateToDdb,
  tagsToDdb,
  throughputToDdb,
} from './convert.js';
import { PAY_PER_REQUEST, PROVISIONED, effectiveBillingMode, gsiChanges, sameGsiShape, tagMap } from './delta.js';
import { stateMessage, type TableResource } from './read.js';

type Result = ReadResult<TableSpec, any>;

export async function updateTable(
  desired: TableResource,
  latest: TableResource,
  delta: string[],
  ctx: ReconcileContext,
): Promise<Result> {
  const call = <T = any>(op: string, input: Record<string, unknown>) => ctx.dynamodb.call<T>(op, input, ctx.target);
  const has = (path: string) => delta.includes(path);
  const tableName = desired.spec.tableName;
  const state = latest.status.tableStatus ?? '';
  const updatingAfter = (description?: Record<string, any>): Result => {
    if (description) latest.status = { ...latest.status, ...statusFromDescription(description) };
    return { latest, requeue: new RequeueAfter(ctx.delay(10), stateMessage('UPDATING')) };
  };

  // 1. Nothing can change while the table is being created or deleted.
  if (state === 'DELETING' || state === 'CREATING')
    return { latest, requeue: new RequeueAfter(ctx.delay(5), stateMessage(state)) };

  // 2. Tags.
  if (has('spec.tags')) await syncTags(desired.spec.tags, latest.spec.tags, latest.status, ctx, tableArnOf(latest));
  // 3. Resource policy.
  if (has('spec.resourcePolicy')) {
    const arn = tableArnOf(latest);
    if (desired.spec.resourcePolicy)
      await call('PutResourcePolicy', { ResourceArn: arn, Policy: desired.spec.resourcePolicy });
    else await call('DeleteResourcePolicy', { ResourceArn: arn });
  }
  if (delta.every((p) => p === 'spec.tags' || p === 'spec.resourcePolicy')) return { latest };

  // 4. Table-level state gates.
  if (state === 'UPDATING') return { latest, requeue: new RequeueAfter(ctx.delay(10), stateMessage(state)) };
  if (state === 'ARCHIVING' || state === 'ARCHIVED') throw new TerminalError(`table is in '${state}' status`);

  // 5. Time to live.
  if (has('spec.timeToLive')) {
    const ttl = desired.spec.timeToLive;
    const enabled = ttl?.enabled ?? false;
    const attributeName = enabled ? ttl?.attributeName : (latest.spec.timeToLive?.attributeName ?? ttl?.attributeName);
    try {
      await call('UpdateTimeToLive', {
        TableName: tableName,
        TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName },
      });
    } catch (error) {
      if (!(isCallError(error, 'ValidationException') && /already disabled/i.test(error.message))) throw error;
    }
  }

  // 6. Server-side encryption.
  if (has('spec.sseSpecification')) {
    return updatingAfter(
      (await call('UpdateTable', { TableName: tableName, SSESpecification: sseToDdb(desired.spec.sseSpecification) }))
        .TableDescription,
    );
  }

  const gsis = gsiChanges(desired.spec, latest.spec);
  const reshaped = gsis.changed.find((g) => {
    const current = latest.spec.globalSecondaryIndexes?.find((h) => h.indexName === g.indexName);
    return current && !sameGsiShape(g, current);
  });
  if (reshaped) {
    throw new TerminalError(
      `global secondary index ${reshaped.indexName}: keySchema and projection cannot be changed in place; ` +
        'give the index a new indexName (the old one is removed and the new one created), or restore its previous definition',
    );
  }

  // 7. Removed GSIs, one per reconcile.
  if (gsis.removed.length > 0) {
    try {
      const out = await call('UpdateTable', {
        TableName: tableName,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: gsis.removed[0]!.indexName } }],
      });
      return updatingAfter(out.TableDescription);
    } catch (error) {
      if (isCallError(error, 'LimitExceededException'))
        return { latest, requeue: new RequeueAfter(ctx.delay(10), `${error.code}: ${error.message}`) };
      throw error;
    }
  }

  // 8. Billing mode, table class, deletion protection (a stream change rides along).
  const desiredBilling = effectiveBillingMode(desired.spec);
  if (has('spec.billingMode') || has('spec.tableClass') || has('spec.deletionProtectionEnabled')) {
    const input: Record<string, unknown> = { TableName: tableName };
    if (has('spec.billingMode')) {
      input.BillingMode = desiredBilling;
      if (desiredBilling === PROVISIONED) {
        input.ProvisionedThroughput = throughputToDdb(
          desired.spec.provisionedThroughput ?? { readCapacityUnits: 0, writeCapacityUnits: 0 },
        );
        const updates = (desired.spec.globalSecondaryIndexes ?? []).map((g) => ({
          Update: {
            IndexName: g.indexName,
            ProvisionedThroughput: throughputToDdb(
              g.provisionedThroughput ?? { readCapacityUnits: 1, writeCapacityUnits: 1 },
            ),
          },
        }));
        if (updates.length) input.GlobalSecondaryIndexUpdates = updates;
      }
    }
    if (has('spec.tableClass')) input.TableClass = desired.spec.tableClass || 'STANDARD';
    if (has('spec.deletionProtectionEnabled'))
      input.DeletionProtectionEnabled = desired.spec.deletionProtectionEnabled ?? false;
    if (has('spec.streamSpecification'))
      input.StreamSpecification = streamUpdateToDdb(desired.spec.streamSpecification, latest.spec.streamSpecification);
    return updatingAfter((await call('UpdateTable', input)).TableDescription);
  }

  // 9. Point-in-time recovery and contributor insights.
  if (has('spec.continuousBackups')) {
    await call('UpdateContinuousBackups', {
      TableName: tableName,
      PointInTimeRecoverySpecification: {
        PointInTimeRecoveryEnabled: desired.spec.continuousBackups?.pointInTimeRecoveryEnabled ?? false,
      },
    });
  }
  if (has('spec.contributorInsights')) {
    const action = /^ENABLE/.test(desired.spec.contributorInsights ?? '') ? 'ENABLE' : 'DISABLE';
    await call('UpdateContributorInsights', { TableName: tableName, ContributorInsightsAction: action });
  }

  // 10. Changed GSIs: throughput only.
  if (gsis.changed.length > 0) {
    const updates = gsis.changed.map((g) => ({
      Update: {
        IndexName: g.indexName,
        ...(desiredBilling === PROVISIONED && g.provisionedThroughput
          ? { ProvisionedThroughput: throughputToDdb(g.provisionedThroughput) }
          : {}),
        ...(g.onDemandThroughput ? { OnDemandThroughput: onDemandToDdb(g.onDemandThroughput) } : {}),
      },
    }));
    return updatingAfter(
      (await call('UpdateTable', { TableName: tableName, GlobalSecondaryIndexUpdates: updates })).TableDescription,
    );
  }

  // 11. Exactly one of: stream, table throughput, on-demand throughput, the first added GSI, replicas.
  if (has('spec.streamSpecification')) {
    return updatingAfter(
      (
        await call('UpdateTable', {
          TableName: tableName,
          StreamSpecification: streamUpdateToDdb(desired.spec.streamSpecification, latest.spec.streamSpecification),
        })
      ).TableDescription,
    );
  }
  if (has('spec.provisionedThroughput')) {
    return updatingAfter(
      (
        await call('UpdateTable', {
          TableName: tableName,
          ProvisionedThroughput: throughputToDdb(desired.spec.provisionedThroughput),
        })
      ).TableDescription,
    );
  }
  if (has('spec.onDemandThroughput')) {
    return updatingAfter(
      (
        await call('UpdateTable', {
          TableName: tableName,
          OnDemandThroughput: onDemandToDdb(desired.spec.onDemandThroughput),
        })
      ).TableDescription,
    );
  }
  if (gsis.added.length > 0) {
    const create = gsiToDdb(gsis.added[0]!);
    if (desiredBilling === PAY_PER_REQUEST) delete (create as Record<string, unknown>).ProvisionedThroughput;
    else create.ProvisionedThroughput ??= { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
    try {
      const out = await call('UpdateTable', {
        TableName: tableName,
        AttributeDefinitions: attributeDefinitionsToDdb(desired.spec.attributeDefinitions),
        GlobalSecondaryIndexUpdates: [{ Create: create }],
      });
      return updatingAfter(out.TableDescription);
    } catch (error) {
      if (isCallError(error, 'LimitExceededException'))
        return { latest, requeue: new RequeueAfter(ctx.delay(10), `${error.code}: ${error.message}`) };
      throw error;
    }
  }
  if (has('spec.tableReplicas')) return updateReplicas(desired, latest, ctx, updatingAfter);

  // 12. ACK always comes back after an update; the next reconcile, with no delta, turns Synced True.
  return { latest, requeue: new RequeueAfter(ctx.delay(10), stateMessage('UPDATING')) };
}

async function updateReplicas(
  desired: TableResource,
  latest: TableResource,
  ctx: ReconcileContext,
  updatingAfter: (d?: Record<string, any>) => Result,
): Promise<Result> {
  const stream = latest.spec.streamSpecification;
  if (!stream?.streamEnabled || stream.streamViewType !== 'NEW_AND_OLD_IMAGES') {
    throw new TerminalError(
      'table must have DynamoDB Streams enabled with StreamViewType set to NEW_AND_OLD_IMAGES for replica updates',
    );
  }
  const want = new Set((desired.spec.tableReplicas ?? []).map((r) => r.regionName));
  const have = new Set((latest.spec.tableReplicas ?? []).map((r) => r.regionName));
  const toAdd = (desired.spec.tableReplicas ?? []).find((r) => !have.has(r.regionName));
  const toRemove = [...have].find((r) => !want.has(r));
  const update = toAdd
    ? {
        Create: {
          RegionName: toAdd.regionName,
          ...(toAdd.kmsMasterKeyID ? { KMSMasterKeyId: toAdd.kmsMasterKeyID } : {}),
        },
      }
    : { Delete: { RegionName: toRemove } };
  const out = await ctx.dynamodb.call(
    'UpdateTable',
    { TableName: desired.spec.tableName, ReplicaUpdates: [update] },
    ctx.target,
  );
  return updatingAfter(out.TableDescription);
}

export const tableArnOf = (latest: TableResource): string | undefined =>
  latest.arn ?? latest.status.ackResourceMetadata?.arn;

async function syncTags(
  desired: TableSpec['tags'],
  latest: TableSpec['tags'],
  _status: unknown,
  ctx: ReconcileContext,
  arn: string | undefined,
): Promise<void> {
  const want = tagMap(desired),
    have = tagMap(latest);
  const removed = [...have.keys()].filter((k) => !want.has(k));
  const changed = [...want].filter(([k, v]) => have.get(k) !== v).map(([key, value]) => ({ key, value }));
  if (removed.length) await ctx.dynamodb.call('UntagResource', { ResourceArn: arn, TagKeys: removed }, ctx.target);
  if (changed.length)
    await ctx.dynamodb.call('TagResource', { ResourceArn: arn, Tags: tagsToDdb(changed) }, ctx.target);
}
