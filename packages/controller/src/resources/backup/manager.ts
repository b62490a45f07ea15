// Backup: CreateBackup / DescribeBackup / DeleteBackup. A backup is found by the ARN recorded in status (names are
// not unique); its spec cannot change, so an update is Terminal "not implemented" as in ACK.
import type { BackupSpec, BackupStatus } from '../../api/backup.js';
import { BACKUP, gvrOf } from '../../api/resources.js';
import { isCallError } from '../../aws/client.js';
import { NotFoundError, RequeueAfter, TerminalError } from '../../runtime/errors.js';
import type { AckResource, ReadResult, ReconcileContext, ResourceManager } from '../../runtime/resource-manager.js';
import { rfc3339 } from '../table/convert.js';

type BackupResource = AckResource<BackupSpec, BackupStatus>;

export const BACKUP_FINALIZER = 'finalizers.dynamodb.services.k8s.aws/Backup';

function fromDetails(
  object: BackupResource['object'],
  details: Record<string, any>,
  tableName: string | undefined,
): BackupResource {
  return {
    object,
    spec: { backupName: details.BackupName, tableName: tableName ?? '' },
    status: {
      backupCreationDateTime: rfc3339(details.BackupCreationDateTime),
      backupExpiryDateTime: rfc3339(details.BackupExpiryDateTime),
      backupSizeBytes: details.BackupSizeBytes,
      backupStatus: details.BackupStatus,
      backupType: details.BackupType,
    },
    arn: details.BackupArn,
  };
}

function withRequeue(latest: BackupResource, ctx: ReconcileContext): ReadResult<BackupSpec, BackupStatus> {
  if (latest.status.backupStatus === 'CREATING') {
    return {
      latest,
      requeue: new RequeueAfter(ctx.delay(10), "backup in 'CREATING' state, cannot be modified or deleted"),
    };
  }
  return { latest };
}

const recordedArn = (desired: BackupResource) =>
  (desired.status as { ackResourceMetadata?: { arn?: string } }).ackResourceMetadata?.arn;

export const backupManager: ResourceManager<BackupSpec, BackupStatus> = {
  kind: 'Backup',
  gvr: gvrOf(BACKUP),
  finalizer: BACKUP_FINALIZER,
  identifierFields: ['arn'],
  applyAdoptionFields(desired, fields) {
    const status = desired.status as Record<string, any>;
    status.ackResourceMetadata = { ...(status.ackResourceMetadata ?? {}), arn: fields.arn };
  },

  async readOne(desired, ctx) {
    const arn = recordedArn(desired);
    if (!arn) throw new NotFoundError('backup has no ARN yet');
    try {
      const out = await ctx.dynamodb.call('DescribeBackup', { BackupArn: arn }, ctx.target);
      const d = out.BackupDescription ?? {};
      return withRequeue(fromDetails(desired.object, d.BackupDetails ?? {}, d.SourceTableDetails?.TableName), ctx);
    } catch (error) {
      if (isCallError(error, 'BackupNotFoundException') || isCallError(error, 'ResourceNotFoundException'))
        throw new NotFoundError(error.message);
      throw error;
    }
  },

  async create(desired, ctx) {
    const out = await ctx.dynamodb.call(
      'CreateBackup',
      { TableName: desired.spec.tableName, BackupName: desired.spec.backupName },
      ctx.target,
    );
    return withRequeue(fromDetails(desired.object, out.BackupDetails ?? {}, desired.spec.tableName), ctx);
  },

  delta(desired, latest) {
    const out: string[] = [];
    if (desired.spec.backupName !== latest.spec.backupName) out.push('spec.backupName');
    // DescribeBackup reports the table name; the spec may hold the table's ARN instead.
    const table = desired.spec.tableName ?? '';
    if (latest.spec.tableName && table !== latest.spec.tableName && !table.endsWith(`:table/${latest.spec.tableName}`))
      out.push('spec.tableName');
    return out;
  },

  async update() {
    throw new TerminalError('not implemented');
  },

  async delete(latest, ctx) {
    if (!latest.arn) return;
    try {
      await ctx.dynamodb.call('DeleteBackup', { BackupArn: latest.arn }, ctx.target);
    } catch (error) {
      if (!isCallError(error, 'BackupNotFoundException')) throw error;
    }
  },

  isSynced: (latest) => latest.status.backupStatus === 'AVAILABLE' || latest.status.backupStatus === 'DELETED',
  describe: (desired) => `backup ${desired.spec.backupName} of table ${desired.spec.tableName}`,
};
