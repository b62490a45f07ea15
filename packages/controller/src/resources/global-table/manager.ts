// GlobalTable (legacy 2017.11.29 global tables): CreateGlobalTable / DescribeGlobalTable / UpdateGlobalTable.
import type { GlobalTableSpec, GlobalTableStatus } from '../../api/global-table.js';
import { GLOBAL_TABLE, gvrOf } from '../../api/resources.js';
import { isCallError } from '../../aws/client.js';
import { NotFoundError, RequeueAfter } from '../../runtime/errors.js';
import type { AckResource, ReadResult, ReconcileContext, ResourceManager } from '../../runtime/resource-manager.js';
import { rfc3339 } from '../table/convert.js';

type GlobalTableResource = AckResource<GlobalTableSpec, GlobalTableStatus>;

export const GLOBAL_TABLE_FINALIZER = 'finalizers.dynamodb.services.k8s.aws/GlobalTable';

function fromDescription(object: GlobalTableResource['object'], d: Record<string, any>): GlobalTableResource {
  return {
    object,
    spec: {
      globalTableName: d.GlobalTableName,
      replicationGroup: (d.ReplicationGroup ?? []).map((r: Record<string, any>) => ({ regionName: r.RegionName })),
    },
    status: { globalTableStatus: d.GlobalTableStatus, creationDateTime: rfc3339(d.CreationDateTime) },
    arn: d.GlobalTableArn,
  };
}

const regions = (spec: GlobalTableSpec) => new Set((spec.replicationGroup ?? []).map((r) => r.regionName ?? ''));

function withRequeue(
  latest: GlobalTableResource,
  ctx: ReconcileContext,
): ReadResult<GlobalTableSpec, GlobalTableStatus> {
  const state = latest.status.globalTableStatus;
  if (state === 'CREATING' || state === 'UPDATING') {
    return {
      latest,
      requeue: new RequeueAfter(ctx.delay(10), `global table in '${state}' state, cannot be modified or deleted`),
    };
  }
  return { latest };
}

export const globalTableManager: ResourceManager<GlobalTableSpec, GlobalTableStatus> = {
  kind: 'GlobalTable',
  gvr: gvrOf(GLOBAL_TABLE),
  finalizer: GLOBAL_TABLE_FINALIZER,
  identifierFields: ['globalTableName'],
  applyAdoptionFields(desired, fields) {
    if (fields.globalTableName) desired.spec.globalTableName = fields.globalTableName;
  },

  async readOne(desired, ctx) {
    try {
      const out = await ctx.dynamodb.call(
        'DescribeGlobalTable',
        { GlobalTableName: desired.spec.globalTableName },
        ctx.target,
      );
      return withRequeue(fromDescription(desired.object, out.GlobalTableDescription), ctx);
    } catch (error) {
      if (isCallError(error, 'GlobalTableNotFoundException') || isCallError(error, 'ResourceNotFoundException'))
        throw new NotFoundError(error.message);
      throw error;
    }
  },

  async create(desired, ctx) {
    const out = await ctx.dynamodb.call(
      'CreateGlobalTable',
      {
        GlobalTableName: desired.spec.globalTableName,
        ReplicationGroup: (desired.spec.replicationGroup ?? []).map((r) => ({ RegionName: r.regionName })),
      },
      ctx.target,
    );
    return withRequeue(fromDescription(desired.object, out.GlobalTableDescription), ctx);
  },

  delta(desired, latest) {
    const a = regions(desired.spec),
      b = regions(latest.spec);
    return a.size === b.size && [...a].every((r) => b.has(r)) ? [] : ['spec.replicationGroup'];
  },

  async update(desired, latest, _delta, ctx) {
    const want = regions(desired.spec),
      have = regions(latest.spec);
    const updates = [
      ...[...want].filter((r) => !have.has(r)).map((r) => ({ Create: { RegionName: r } })),
      ...[...have].filter((r) => !want.has(r)).map((r) => ({ Delete: { RegionName: r } })),
    ];
    const out = await ctx.dynamodb.call(
      'UpdateGlobalTable',
      { GlobalTableName: desired.spec.globalTableName, ReplicaUpdates: updates },
      ctx.target,
    );
    const updated = fromDescription(desired.object, out.GlobalTableDescription);
    return {
      latest: updated,
      requeue: new RequeueAfter(
        ctx.delay(10),
        `global table in '${updated.status.globalTableStatus ?? 'UPDATING'}' state, cannot be modified or deleted`,
      ),
    };
  },

  async delete(latest, ctx) {
    // The 2017 API has no DeleteGlobalTable: removing every replica dissolves the global table.
    const replicas = [...regions(latest.spec)].map((r) => ({ Delete: { RegionName: r } }));
    if (replicas.length === 0) return;
    try {
      await ctx.dynamodb.call(
        'UpdateGlobalTable',
        { GlobalTableName: latest.spec.globalTableName, ReplicaUpdates: replicas },
        ctx.target,
      );
    } catch (error) {
      if (!isCallError(error, 'GlobalTableNotFoundException') && !isCallError(error, 'ReplicaNotFoundException'))
        throw error;
    }
  },

  isSynced: (latest) => latest.status.globalTableStatus === 'ACTIVE',
  describe: (desired) => `global table ${desired.spec.globalTableName}`,
};
