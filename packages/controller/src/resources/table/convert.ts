// Translations between the Table CR (camelCase spec/status) and DynamoDB's JSON shapes (PascalCase), as ACK's
// generated sdk.go does them: what CreateTable receives, and how DescribeTable fills spec and status.
import type { TableSpec, TableStatus } from '../../api/table.js';
import { pruneUndefined } from '../../runtime/merge-patch.js';

type Ddb = Record<string, any>;
type KeySchema = NonNullable<TableSpec['keySchema']>;
type Gsi = NonNullable<TableSpec['globalSecondaryIndexes']>[number];
type Lsi = NonNullable<TableSpec['localSecondaryIndexes']>[number];

// ---- spec → DynamoDB ---------------------------------------------------------------------------------------------

export const keySchemaToDdb = (keys: KeySchema | undefined) =>
  keys?.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType }));

export const attributeDefinitionsToDdb = (defs: TableSpec['attributeDefinitions'] | undefined) =>
  defs?.map((d) => ({ AttributeName: d.attributeName, AttributeType: d.attributeType }));

export const projectionToDdb = (p: Gsi['projection']) =>
  p && pruneUndefined({ ProjectionType: p.projectionType, NonKeyAttributes: p.nonKeyAttributes });

export const throughputToDdb = (t: TableSpec['provisionedThroughput']) =>
  t && { ReadCapacityUnits: t.readCapacityUnits ?? 0, WriteCapacityUnits: t.writeCapacityUnits ?? 0 };

export const onDemandToDdb = (t: TableSpec['onDemandThroughput']) =>
  t && pruneUndefined({ MaxReadRequestUnits: t.maxReadRequestUnits, MaxWriteRequestUnits: t.maxWriteRequestUnits });

export const gsiToDdb = (g: Gsi) =>
  pruneUndefined({
    IndexName: g.indexName,
    KeySchema: keySchemaToDdb(g.keySchema),
    Projection: projectionToDdb(g.projection),
    ProvisionedThroughput: throughputToDdb(g.provisionedThroughput),
    OnDemandThroughput: onDemandToDdb(g.onDemandThroughput),
  });

export const lsiToDdb = (l: Lsi) =>
  pruneUndefined({
    IndexName: l.indexName,
    KeySchema: keySchemaToDdb(l.keySchema),
    Projection: projectionToDdb(l.projection),
  });

export const sseToDdb = (s: TableSpec['sseSpecification']) =>
  s && pruneUndefined({ Enabled: s.enabled, SSEType: s.sseType, KMSMasterKeyId: s.kmsMasterKeyID });

export const streamToDdb = (s: TableSpec['streamSpecification']) =>
  s &&
  pruneUndefined({
    StreamEnabled: s.streamEnabled ?? false,
    StreamViewType: s.streamEnabled ? s.streamViewType : undefined,
  });

/**
 * The StreamSpecification an UpdateTable sends. DynamoDB refuses a new view type on an enabled stream ("Table
 * already has an enabled stream"), so a view type change disables the stream first; the next reconcile enables it
 * with the new view type (a new stream, with a new ARN).
 */
export const streamUpdateToDdb = (
  desired: TableSpec['streamSpecification'],
  latest: TableSpec['streamSpecification'],
) =>
  desired?.streamEnabled && latest?.streamEnabled && desired.streamViewType !== latest.streamViewType
    ? { StreamEnabled: false }
    : streamToDdb(desired);

export const tagsToDdb = (tags: TableSpec['tags']) => tags?.map((t) => ({ Key: t.key, Value: t.value ?? '' }));

export function createTableInput(spec: TableSpec, tags: TableSpec['tags']): Ddb {
  return pruneUndefined({
    TableName: spec.tableName,
    AttributeDefinitions: attributeDefinitionsToDdb(spec.attributeDefinitions),
    KeySchema: keySchemaToDdb(spec.keySchema),
    BillingMode: spec.billingMode,
    ProvisionedThroughput: throughputToDdb(spec.provisionedThroughput),
    OnDemandThroughput: onDemandToDdb(spec.onDemandThroughput),
    GlobalSecondaryIndexes: spec.globalSecondaryIndexes?.length ? spec.globalSecondaryIndexes.map(gsiToDdb) : undefined,
    LocalSecondaryIndexes: spec.localSecondaryIndexes?.length ? spec.localSecondaryIndexes.map(lsiToDdb) : undefined,
    StreamSpecification: streamToDdb(spec.streamSpecification),
    SSESpecification: sseToDdb(spec.sseSpecification),
    TableClass: spec.tableClass,
    DeletionProtectionEnabled: spec.deletionProtectionEnabled,
    ResourcePolicy: spec.resourcePolicy,
    Tags: tags?.length ? tagsToDdb(tags) : undefined,
  });
}

// ---- DynamoDB → spec/status ----------------------------------------------------------------------------------

const keySchemaFromDdb = (keys: Ddb[] | undefined) =>
  keys?.map((k) => ({ attributeName: k.AttributeName, keyType: k.KeyType }));
const projectionFromDdb = (p: Ddb | undefined) =>
  p && { projectionType: p.ProjectionType, nonKeyAttributes: p.NonKeyAttributes };
const throughputFromDdb = (t: Ddb | undefined) =>
  t && { readCapacityUnits: t.ReadCapacityUnits, writeCapacityUnits: t.WriteCapacityUnits };
const onDemandFromDdb = (t: Ddb | undefined) =>
  t && { maxReadRequestUnits: t.MaxReadRequestUnits, maxWriteRequestUnits: t.MaxWriteRequestUnits };

/** Epoch seconds (DynamoDB JSON) → RFC 3339, second precision (metav1.Time). */
export const rfc3339 = (epochSeconds: unknown): string | undefined =>
  typeof epochSeconds === 'number'
    ? new Date(Math.floor(epochSeconds) * 1000).toISOString().replace('.000Z', 'Z')
    : undefined;

export function specFromDescription(t: Ddb): TableSpec {
  return pruneUndefined({
    attributeDefinitions: (t.AttributeDefinitions ?? []).map((d: Ddb) => ({
      attributeName: d.AttributeName,
      attributeType: d.AttributeType,
    })),
    billingMode: t.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
    deletionProtectionEnabled: t.DeletionProtectionEnabled,
    globalSecondaryIndexes: t.GlobalSecondaryIndexes?.map((g: Ddb) => ({
      indexName: g.IndexName,
      keySchema: keySchemaFromDdb(g.KeySchema),
      projection: projectionFromDdb(g.Projection),
      provisionedThroughput: throughputFromDdb(g.ProvisionedThroughput),
      onDemandThroughput: onDemandFromDdb(g.OnDemandThroughput),
    })),
    keySchema: keySchemaFromDdb(t.KeySchema) ?? [],
    localSecondaryIndexes: t.LocalSecondaryIndexes?.map((l: Ddb) => ({
      indexName: l.IndexName,
      keySchema: keySchemaFromDdb(l.KeySchema),
      projection: projectionFromDdb(l.Projection),
    })),
    onDemandThroughput: onDemandFromDdb(t.OnDemandThroughput),
    provisionedThroughput: throughputFromDdb(t.ProvisionedThroughput),
    sseSpecification: t.SSEDescription && {
      enabled: t.SSEDescription.Status === 'ENABLED',
      sseType: t.SSEDescription.SSEType,
      kmsMasterKeyID: t.SSEDescription.KMSMasterKeyArn,
    },
    streamSpecification: t.StreamSpecification && {
      streamEnabled: t.StreamSpecification.StreamEnabled,
      streamViewType: t.StreamSpecification.StreamViewType,
    },
    tableClass: t.TableClassSummary?.TableClass ?? 'STANDARD',
    tableName: t.TableName,
    tableReplicas: t.Replicas?.map((r: Ddb) => ({
      regionName: r.RegionName,
      kmsMasterKeyID: r.KMSMasterKeyId,
      tableClassOverride: r.ReplicaTableClassSummary?.TableClass,
    })),
  }) as TableSpec;
}

export function statusFromDescription(t: Ddb): TableStatus {
  return pruneUndefined({
    archivalSummary: t.ArchivalSummary && {
      archivalBackupARN: t.ArchivalSummary.ArchivalBackupArn,
      archivalDateTime: rfc3339(t.ArchivalSummary.ArchivalDateTime),
      archivalReason: t.ArchivalSummary.ArchivalReason,
    },
    creationDateTime: rfc3339(t.CreationDateTime),
    globalSecondaryIndexesDescriptions: t.GlobalSecondaryIndexes?.map((g: Ddb) => ({
      backfilling: g.Backfilling,
      indexARN: g.IndexArn,
      indexName: g.IndexName,
      indexSizeBytes: g.IndexSizeBytes,
      indexStatus: g.IndexStatus,
      itemCount: g.ItemCount,
      keySchema: keySchemaFromDdb(g.KeySchema),
      onDemandThroughput: onDemandFromDdb(g.OnDemandThroughput),
      projection: projectionFromDdb(g.Projection),
      provisionedThroughput: g.ProvisionedThroughput && {
        lastDecreaseDateTime: rfc3339(g.ProvisionedThroughput.LastDecreaseDateTime),
        lastIncreaseDateTime: rfc3339(g.ProvisionedThroughput.LastIncreaseDateTime),
        numberOfDecreasesToday: g.ProvisionedThroughput.NumberOfDecreasesToday,
        readCapacityUnits: g.ProvisionedThroughput.ReadCapacityUnits,
        writeCapacityUnits: g.ProvisionedThroughput.WriteCapacityUnits,
      },
    })),
    globalTableVersion: t.GlobalTableVersion,
    itemCount: t.ItemCount,
    latestStreamARN: t.LatestStreamArn,
    latestStreamLabel: t.LatestStreamLabel,
    replicas: t.Replicas?.map((r: Ddb) => ({
      regionName: r.RegionName,
      kmsMasterKeyID: r.KMSMasterKeyId,
      replicaStatus: r.ReplicaStatus,
      replicaStatusDescription: r.ReplicaStatusDescription,
      replicaStatusPercentProgress: r.ReplicaStatusPercentProgress,
      replicaInaccessibleDateTime: rfc3339(r.ReplicaInaccessibleDateTime),
      replicaTableClassSummary: r.ReplicaTableClassSummary && {
        tableClass: r.ReplicaTableClassSummary.TableClass,
        lastUpdateDateTime: rfc3339(r.ReplicaTableClassSummary.LastUpdateDateTime),
      },
    })),
    restoreSummary: t.RestoreSummary && {
      restoreDateTime: rfc3339(t.RestoreSummary.RestoreDateTime),
      restoreInProgress: t.RestoreSummary.RestoreInProgress,
      sourceBackupARN: t.RestoreSummary.SourceBackupArn,
      sourceTableARN: t.RestoreSummary.SourceTableArn,
    },
    tableID: t.TableId,
    tableSizeBytes: t.TableSizeBytes,
    tableStatus: t.TableStatus,
  }) as TableStatus;
}
