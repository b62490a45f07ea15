// UpdateTable ReplicaUpdates: global tables version 2019.11.21 (the ACK Table's spec.tableReplicas). Creating a
// replica creates the table of the same name in the other region's namespace (same keys, indexes, billing, TTL),
// copies the data, and joins both to the replicator; deleting one deletes that region's table. Every member's
// DescribeTable lists the *other* regions under Replicas and shows GlobalTableVersion 2019.11.21; both vanish from
// the last remaining table when its last replica goes (as on DynamoDB).
import { randomUUID } from 'node:crypto';
import { validation } from '../../errors.js';
import type { TableMeta } from '../../storage/types.js';
import type { OperationContext } from '../../operations/types.js';
import { streamLabel } from '../../operations/tables/table-features.js';
import type { GlobalTableRecord } from '../../storage/metadata/index.js';
import { replicatorFor } from './replication.js';
import { globalTableArn } from '../../operations/features/support/arn.js';

export const CURRENT_VERSION = '2019.11.21';

interface RegionAction {
  RegionName: string;
  ProvisionedThroughputOverride?: { ReadCapacityUnits?: number };
  TableClassOverride?: 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS';
}

interface ReplicaUpdate {
  Create?: RegionAction;
  Update?: RegionAction;
  Delete?: { RegionName: string };
}

const invalid = (detail: string) => validation(`One or more parameter values were invalid: ${detail}`);

export async function applyReplicaUpdates(ctx: OperationContext, table: TableMeta, raw: unknown[]): Promise<TableMeta> {
  const updates = raw.map(parseUpdate);
  if (updates.filter((u) => u.Create || u.Delete).length > 1) {
    throw validation('Update table operation with more than one create or delete replica actions not allowed');
  }
  if (table.GlobalTableName !== undefined && table.GlobalTableVersion !== CURRENT_VERSION) {
    throw invalid(`Table ${table.TableName} is a replica of a version 2017.11.29 global table`);
  }
  let next = table;
  for (const update of updates) {
    const region = (update.Create ?? update.Update ?? update.Delete)!.RegionName;
    if (region === table.region && (update.Create || update.Delete)) {
      throw invalid(
        'Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable or UpdateTable as required.',
      );
    }
    if (update.Create) next = await createReplica(ctx, next, update.Create);
    else if (update.Delete) next = await deleteReplica(ctx, next, region);
    else requireMember(next, region);
  }
  const settlesAt = ctx.engine.now() + ctx.engine.options.tableDelayMs;
  return { ...next, TableStatus: 'UPDATING', settlesAt };
}

function parseUpdate(value: unknown): ReplicaUpdate {
  const update = (value ?? {}) as ReplicaUpdate;
  const actions = [update.Create, update.Update, update.Delete].filter((a) => a !== undefined);
  if (actions.length === 0)
    throw validation('There are no actions specified in the Replica Update Action of the request.');
  if (actions.length > 1)
    throw validation('Update table operation with more than one type of replica actions not allowed.');
  if (typeof actions[0]!.RegionName !== 'string' || actions[0]!.RegionName === '') {
    throw validation(
      "1 validation error detected: Value null at 'replicaUpdates.1.member.regionName' failed to satisfy constraint: Member must not be null",
    );
  }
  return update;
}

function requireMember(table: TableMeta, region: string): void {
  if (!(table.Replicas ?? []).some((r) => r.RegionName === region)) {
    throw validation(
      `Update global table operation failed because one or more replicas were not part of the global table. Please retry the request without these replicas: [${region}].`,
    );
  }
}

async function createReplica(ctx: OperationContext, source: TableMeta, action: RegionAction): Promise<TableMeta> {
  const { engine } = ctx;
  const region = action.RegionName;
  const target = engine.contextFor({ accountId: source.accountId, region });
  if (engine.catalog.get(target.namespace, source.TableName)) {
    throw validation(
      `Failed to create a the new replica of table with name: ‘${source.TableName}’ because one or more replicas already existed as tables.`,
    );
  }
  const now = engine.now();
  // DynamoDB turns on the NEW_AND_OLD_IMAGES stream replication needs (and leaves it on afterwards).
  let updated = withStream(source, now);
  const record = engine.storage.metadata.globalTables.get(source.accountId, source.TableName) ?? newRecord(source, now);
  const regions = [...record.regions, region];
  const replica = replicaTableMeta(ctx, updated, region, target.namespace, action, now);
  engine.catalog.put({ ...replica, Replicas: replicasSeenFrom(regions, region) });
  await engine.storage.metadata.globalTables.put({ ...record, regions });
  updated = {
    ...updated,
    GlobalTableName: source.TableName,
    GlobalTableVersion: CURRENT_VERSION,
    Replicas: replicasSeenFrom(regions, source.region),
  };
  refreshOtherMembers(ctx, { ...record, regions }, [source.region, region]);
  // Live writes replicate once UpdateTable stores `updated`; the existing data is copied now.
  void replicatorFor(engine).seed(source, replica);
  return updated;
}

async function deleteReplica(ctx: OperationContext, source: TableMeta, region: string): Promise<TableMeta> {
  requireMember(source, region);
  const { engine } = ctx;
  const record = engine.storage.metadata.globalTables.get(source.accountId, source.TableName);
  const regions = (record?.regions ?? [source.region]).filter((r) => r !== region);
  const target = engine.contextFor({ accountId: source.accountId, region });
  const replica = engine.catalog.get(target.namespace, source.TableName);
  if (replica) {
    // Leave the group first so the deletion is not replicated, then delete the region's table.
    const { GlobalTableName: _n, GlobalTableVersion: _v, Replicas: _r, ...detached } = replica;
    engine.catalog.put({ ...detached, DeletionProtectionEnabled: false });
    await engine.dispatch('DeleteTable', { TableName: source.TableName }, target);
  }
  if (regions.length <= 1) {
    if (record) await engine.storage.metadata.globalTables.remove(record);
    const { GlobalTableName: _n, GlobalTableVersion: _v, Replicas: _r, ...alone } = source;
    return alone;
  }
  await engine.storage.metadata.globalTables.put({ ...record!, regions });
  refreshOtherMembers(ctx, { ...record!, regions }, [source.region]);
  return { ...source, Replicas: replicasSeenFrom(regions, source.region) };
}

function newRecord(source: TableMeta, now: number): GlobalTableRecord {
  return {
    GlobalTableName: source.TableName,
    accountId: source.accountId,
    GlobalTableArn: globalTableArn(source.accountId, source.TableName),
    CreationDateTime: now / 1000,
    version: CURRENT_VERSION,
    regions: [source.region],
  };
}

/** The Replicas list a member in `region` shows: every other region of the group. */
function replicasSeenFrom(regions: string[], region: string) {
  return regions.filter((r) => r !== region).map((RegionName) => ({ RegionName, ReplicaStatus: 'ACTIVE' }));
}

function refreshOtherMembers(ctx: OperationContext, record: GlobalTableRecord, skip: string[]): void {
  for (const region of record.regions) {
    if (skip.includes(region)) continue;
    const namespace = ctx.engine.contextFor({ accountId: record.accountId, region }).namespace;
    const member = ctx.engine.catalog.get(namespace, record.GlobalTableName);
    if (member) ctx.engine.catalog.put({ ...member, Replicas: replicasSeenFrom(record.regions, region) });
  }
}

function withStream(table: TableMeta, now: number): TableMeta {
  const stream = table.StreamSpecification;
  if (stream?.StreamEnabled) {
    if (stream.StreamViewType !== 'NEW_AND_OLD_IMAGES') {
      throw invalid('Table must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES to add replicas');
    }
    return table;
  }
  const label = streamLabel(now);
  return {
    ...table,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    LatestStreamLabel: label,
    LatestStreamArn: `${table.TableArn}/stream/${label}`,
  };
}

function replicaTableMeta(
  ctx: OperationContext,
  source: TableMeta,
  region: string,
  namespace: string,
  action: RegionAction,
  now: number,
): TableMeta {
  const arnPrefix = source.TableArn.slice(0, source.TableArn.indexOf(':dynamodb:') + ':dynamodb:'.length);
  const tableArn = `${arnPrefix}${region}:${source.accountId}:table/${source.TableName}`;
  const label = streamLabel(now);
  const settlesAt = now + ctx.engine.options.tableDelayMs;
  const read = action.ProvisionedThroughputOverride?.ReadCapacityUnits;
  const replica: TableMeta = {
    ...structuredClone(source),
    id: ctx.engine.catalog.allocateTableId(),
    namespace,
    region,
    TableArn: tableArn,
    TableId: randomUUID(),
    CreationDateTime: now / 1000,
    TableStatus: 'CREATING',
    settlesAt,
    ProvisionedThroughput: {
      ...source.ProvisionedThroughput,
      ...(read !== undefined ? { ReadCapacityUnits: read } : {}),
      NumberOfDecreasesToday: 0,
    },
    GlobalSecondaryIndexes: source.GlobalSecondaryIndexes.map((i) => ({
      ...i,
      IndexStatus: 'CREATING' as const,
      settlesAt,
    })),
    LocalSecondaryIndexes: source.LocalSecondaryIndexes.map((i) => ({
      ...i,
      IndexStatus: 'CREATING' as const,
      settlesAt,
    })),
    ...(action.TableClassOverride
      ? { TableClassSummary: { TableClass: action.TableClassOverride, LastUpdateDateTime: now / 1000 } }
      : {}),
    LatestStreamLabel: label,
    LatestStreamArn: `${tableArn}/stream/${label}`,
    DeletionProtectionEnabled: false,
    Tags: [],
    PointInTimeRecoveryEnabled: false,
    GlobalTableName: source.TableName,
    GlobalTableVersion: CURRENT_VERSION,
  };
  // Per-table settings a new replica does not inherit.
  delete replica.ContributorInsightsStatus;
  delete replica.ResourcePolicy;
  delete replica.PointInTimeRecoveryEnabledAt;
  return replica;
}

/** DeleteTable of a 2019.11.21 member: the region leaves the group (the others stop listing it; a last remaining
 *  table becomes regional again). Call after the table was removed from the catalog. */
export async function detachDeletedMember(ctx: OperationContext, table: TableMeta): Promise<void> {
  if (table.GlobalTableName === undefined || table.GlobalTableVersion !== CURRENT_VERSION) return;
  const record = ctx.engine.storage.metadata.globalTables.get(table.accountId, table.GlobalTableName);
  if (!record) return;
  const regions = record.regions.filter((r) => r !== table.region);
  if (regions.length > 1) {
    await ctx.engine.storage.metadata.globalTables.put({ ...record, regions });
    refreshOtherMembers(ctx, { ...record, regions }, []);
    return;
  }
  await ctx.engine.storage.metadata.globalTables.remove(record);
  for (const region of regions) {
    const namespace = ctx.engine.contextFor({ accountId: record.accountId, region }).namespace;
    const last = ctx.engine.catalog.get(namespace, record.GlobalTableName);
    if (!last) continue;
    const { GlobalTableName: _n, GlobalTableVersion: _v, Replicas: _r, ...alone } = last;
    ctx.engine.catalog.put(alone);
  }
}
