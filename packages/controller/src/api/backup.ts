// dynamodb.services.k8s.aws/v1alpha1 Backup (on-demand backups).
import { Type, type Static } from 'typebox';
import { ACKResourceMetadata, Conditions, DateTime, Int64, objectEnvelope } from './common.js';

export const BackupSpec = Type.Object(
  {
    backupName: Type.String({ description: 'Specified name for the backup.' }),
    tableName: Type.String({
      description:
        'The name of the table. You can also provide the Amazon Resource Name (ARN) of the table in this parameter.',
    }),
  },
  { description: 'BackupSpec defines the desired state of Backup.' },
);
export type BackupSpec = Static<typeof BackupSpec>;

export const BackupStatus = Type.Object(
  {
    ackResourceMetadata: Type.Optional(ACKResourceMetadata),
    backupCreationDateTime: Type.Optional(DateTime({ description: 'Time at which the backup was created.' })),
    backupExpiryDateTime: Type.Optional(
      DateTime({ description: 'Time at which the automatic on-demand backup created by DynamoDB will expire.' }),
    ),
    backupSizeBytes: Type.Optional(Int64({ description: 'Size of the backup in bytes.' })),
    backupStatus: Type.Optional(
      Type.String({ description: 'Backup can be in one of the following states: CREATING, ACTIVE, DELETED.' }),
    ),
    backupType: Type.Optional(Type.String({ description: 'BackupType: USER, SYSTEM or AWS_BACKUP.' })),
    conditions: Type.Optional(Conditions),
  },
  { description: 'BackupStatus defines the observed state of Backup' },
);
export type BackupStatus = Static<typeof BackupStatus>;

export const BackupSchema = Type.Object(
  { ...objectEnvelope, spec: Type.Optional(BackupSpec), status: Type.Optional(BackupStatus) },
  { description: 'Backup is the Schema for the Backups API' },
);
