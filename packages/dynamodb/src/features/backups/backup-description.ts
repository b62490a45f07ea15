// The response shapes of the backup operations, projected from a BackupRecord.
import type { IndexMeta } from '../../storage/types.js';
import type { BackupRecord } from '../../storage/metadata/index.js';

export type BackupStatus = 'CREATING' | 'AVAILABLE' | 'DELETED';

export function backupDetails(record: BackupRecord, status: BackupStatus = 'AVAILABLE') {
  return {
    BackupArn: record.BackupArn,
    BackupName: record.BackupName,
    BackupSizeBytes: record.BackupSizeBytes,
    BackupStatus: status,
    BackupType: record.BackupType,
    BackupCreationDateTime: record.BackupCreationDateTime,
  };
}

export function backupSummary(record: BackupRecord) {
  const { source } = record;
  return {
    TableName: source.TableName,
    TableId: source.TableId,
    TableArn: source.TableArn,
    BackupArn: record.BackupArn,
    BackupName: record.BackupName,
    BackupCreationDateTime: record.BackupCreationDateTime,
    BackupStatus: 'AVAILABLE',
    BackupType: record.BackupType,
    BackupSizeBytes: record.BackupSizeBytes,
  };
}

export function backupDescription(record: BackupRecord, status: BackupStatus = 'AVAILABLE') {
  const { source } = record;
  const billingMode = source.BillingModeSummary?.BillingMode ?? source.BillingMode;
  return {
    BackupDetails: backupDetails(record, status),
    SourceTableDetails: {
      TableName: source.TableName,
      TableId: source.TableId,
      TableArn: source.TableArn,
      TableSizeBytes: record.BackupSizeBytes,
      KeySchema: source.KeySchema,
      TableCreationDateTime: source.CreationDateTime,
      ProvisionedThroughput: {
        ReadCapacityUnits: source.ProvisionedThroughput.ReadCapacityUnits,
        WriteCapacityUnits: source.ProvisionedThroughput.WriteCapacityUnits,
      },
      ...(source.OnDemandThroughput ? { OnDemandThroughput: source.OnDemandThroughput } : {}),
      ItemCount: record.ItemCount,
      BillingMode: billingMode,
    },
    SourceTableFeatureDetails: featureDetails(record),
  };
}

function featureDetails(record: BackupRecord) {
  const { source } = record;
  const details: Record<string, unknown> = {};
  if (source.LocalSecondaryIndexes.length > 0)
    details.LocalSecondaryIndexes = source.LocalSecondaryIndexes.map(indexInfo);
  if (source.GlobalSecondaryIndexes.length > 0) {
    details.GlobalSecondaryIndexes = source.GlobalSecondaryIndexes.map((index) => ({
      ...indexInfo(index),
      ...(index.ProvisionedThroughput
        ? {
            ProvisionedThroughput: {
              ReadCapacityUnits: index.ProvisionedThroughput.ReadCapacityUnits,
              WriteCapacityUnits: index.ProvisionedThroughput.WriteCapacityUnits,
            },
          }
        : {}),
      ...(index.OnDemandThroughput ? { OnDemandThroughput: index.OnDemandThroughput } : {}),
    }));
  }
  if (source.StreamSpecification?.StreamEnabled) details.StreamDescription = source.StreamSpecification;
  if (source.TimeToLive?.Enabled) {
    details.TimeToLiveDescription = { TimeToLiveStatus: 'ENABLED', AttributeName: source.TimeToLive.AttributeName };
  }
  if (source.SSEDescription) details.SSEDescription = source.SSEDescription;
  return details;
}

const indexInfo = (index: IndexMeta) => ({
  IndexName: index.IndexName,
  KeySchema: index.KeySchema,
  Projection: index.Projection,
});
