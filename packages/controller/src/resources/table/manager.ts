// The Table resource manager: ACK's pkg/resource/table behaviour plugged into the generic reconcile loop.
import { gvrOf, TABLE } from '../../api/resources.js';
import type { TableSpec, TableStatus } from '../../api/table.js';
import { isCallError } from '../../aws/client.js';
import { CONTROLLER_VERSION, TAG_CONTROLLER_VERSION, TAG_NAMESPACE } from '../../runtime/annotations.js';
import { RequeueAfter, TerminalError } from '../../runtime/errors.js';
import type { ReconcileContext, ResourceManager } from '../../runtime/resource-manager.js';
import { createTableInput, specFromDescription, statusFromDescription } from './convert.js';
import { tableDelta } from './delta.js';
import { readTable, stateMessage, type TableResource } from './read.js';
import { resolveTableReferences } from './references.js';
import { updateTable } from './update.js';

export const TABLE_FINALIZER = 'finalizers.dynamodb.services.k8s.aws/Table';
const SYSTEM_TAGS = new Set([TAG_CONTROLLER_VERSION, TAG_NAMESPACE]);

/** EnsureTags: the controller's own tags, added to what is sent to AWS but never written back into the spec. */
export function desiredTags(spec: TableSpec, namespace: string | undefined): NonNullable<TableSpec['tags']> {
  const user = (spec.tags ?? []).filter((t) => !SYSTEM_TAGS.has(t.key ?? ''));
  return [
    ...user,
    { key: TAG_CONTROLLER_VERSION, value: CONTROLLER_VERSION },
    { key: TAG_NAMESPACE, value: namespace ?? '' },
  ];
}

const withSystemTags = (desired: TableResource): TableResource => ({
  ...desired,
  spec: { ...desired.spec, tags: desiredTags(desired.spec, desired.object.metadata.namespace) },
});

/** The table name recorded in status.ackResourceMetadata.arn (arn:aws:dynamodb:<region>:<acct>:table/<name>). */
const tableNameFromArn = (arn: string | undefined) => arn?.match(/:table\/([^/]+)/)?.[1];

export const tableManager: ResourceManager<TableSpec, TableStatus> = {
  kind: 'Table',
  gvr: gvrOf(TABLE),
  finalizer: TABLE_FINALIZER,
  identifierFields: ['tableName'],

  applyAdoptionFields(desired, fields) {
    if (fields.tableName) desired.spec.tableName = fields.tableName;
  },

  checkDesired(desired) {
    const recorded = tableNameFromArn(
      (desired.status as { ackResourceMetadata?: { arn?: string } }).ackResourceMetadata?.arn,
    );
    if (
      recorded &&
      desired.spec.tableName &&
      recorded !== desired.spec.tableName &&
      desired.object.metadata.finalizers?.includes(TABLE_FINALIZER)
    ) {
      // The real controller would create a second table and orphan the first; refusing is what users want.
      return (
        `spec.tableName changed from "${recorded}" to "${desired.spec.tableName}", but a DynamoDB table cannot be renamed. ` +
        `Set tableName back to "${recorded}", or delete this Table resource and create a new one for "${desired.spec.tableName}".`
      );
    }
    return undefined;
  },

  resolveReferences: (desired, kube) => resolveTableReferences(desired, kube),

  readOne: (desired, ctx) => readTable(desired, ctx),

  async create(desired, ctx) {
    const out = await ctx.dynamodb.call(
      'CreateTable',
      createTableInput(desired.spec, desiredTags(desired.spec, desired.object.metadata.namespace)),
      ctx.target,
    );
    const description = out.TableDescription as Record<string, any>;
    const latest: TableResource = {
      object: desired.object,
      spec: { ...specFromDescription(description), tags: desired.spec.tags },
      status: statusFromDescription(description),
      arn: description.TableArn,
    };
    if (description.TableStatus !== 'ACTIVE')
      return { latest, requeue: new RequeueAfter(ctx.delay(5), stateMessage(description.TableStatus)) };
    const later = ['timeToLive', 'contributorInsights', 'continuousBackups', 'tableReplicas'].filter(
      (f) => (desired.spec as Record<string, unknown>)[f] !== undefined,
    );
    if (later.length)
      return { latest, requeue: new RequeueAfter(ctx.delay(5), `table created; applying ${later.join(', ')}`) };
    return { latest };
  },

  delta: (desired, latest) => tableDelta(withSystemTags(desired).spec, latest.spec),

  update: (desired, latest, delta, ctx) => updateTable(withSystemTags(desired), latest, delta, ctx),

  async delete(latest, ctx: ReconcileContext, desired) {
    const state = latest.status.tableStatus;
    if (latest.spec.deletionProtectionEnabled && desired.spec.deletionProtectionEnabled === false) {
      // The user turned protection off in the CR of a table being deleted: honour it first, then delete.
      await ctx.dynamodb.call(
        'UpdateTable',
        { TableName: latest.spec.tableName, DeletionProtectionEnabled: false },
        ctx.target,
      );
      throw new RequeueAfter(ctx.delay(10), stateMessage('UPDATING'));
    }
    if (state === 'DELETING') throw new RequeueAfter(ctx.delay(5), stateMessage(state));
    if (state === 'UPDATING') throw new RequeueAfter(ctx.delay(10), stateMessage(state));
    const replica = latest.spec.tableReplicas?.find((r) => r.regionName && r.regionName !== ctx.target.region);
    if (replica) {
      await ctx.dynamodb.call(
        'UpdateTable',
        { TableName: latest.spec.tableName, ReplicaUpdates: [{ Delete: { RegionName: replica.regionName } }] },
        ctx.target,
      );
      throw new RequeueAfter(ctx.delay(5), `removing replica ${replica.regionName} before deleting the table`);
    }
    try {
      await ctx.dynamodb.call('DeleteTable', { TableName: latest.spec.tableName }, ctx.target);
    } catch (error) {
      if (isCallError(error, 'ResourceNotFoundException')) return;
      // Deletion protection: nothing will change until the user turns it off, so say so instead of retrying blindly.
      if (isCallError(error) && /protected against deletion/i.test(error.message))
        throw new TerminalError(`api error ${error.code}: ${error.message}`);
      throw error;
    }
  },

  isSynced: (latest) => latest.status.tableStatus === 'ACTIVE' || latest.status.tableStatus === 'ARCHIVED',

  specForPatch(latest) {
    const tags = (latest.spec.tags ?? []).filter((t) => !SYSTEM_TAGS.has(t.key ?? ''));
    const spec: TableSpec = { ...latest.spec, tags: tags.length ? tags : undefined };
    if (spec.billingMode === 'PAY_PER_REQUEST') {
      // DescribeTable reports {0,0} throughput under on-demand. Copied into the spec, those zeros would be sent as
      // real capacity on a later switch to PROVISIONED (ACK community#2437), so an adopted spec leaves them out.
      delete spec.provisionedThroughput;
      spec.globalSecondaryIndexes = spec.globalSecondaryIndexes?.map(({ provisionedThroughput: _zero, ...g }) => g);
    }
    return spec;
  },

  describe: (desired) => `table ${desired.spec.tableName}`,
};
