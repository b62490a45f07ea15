// Looks up the backup named by a BackupArn in the caller's namespace.
import { randomBytes } from 'node:crypto';
import { DynamoDBError, validation } from '../../errors.js';
import type { OperationContext } from '../../operations/types.js';
import { parseDynamoDBArn } from '../../operations/features/support/arn.js';
import type { BackupRecord } from '../../storage/metadata/index.js';
import type { TableMeta } from '../../storage/types.js';

/** `<tableArn>/backup/<epoch ms, 14 digits>-<8 hex>`, the shape of DynamoDB's backup ARNs. */
export const newBackupArn = (table: TableMeta, nowMs: number) =>
  `${table.TableArn}/backup/${String(nowMs).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;

export function requireBackup(ctx: OperationContext, backupArn: string): BackupRecord {
  const arn = parseDynamoDBArn(backupArn);
  if (!arn || !/^backup\/[^/]+$/.test(arn.subresource)) throw validation('Invalid Backup ARN');
  const record = ctx.engine.storage.metadata.backups.get(backupArn);
  if (!record || record.namespace !== ctx.namespace) {
    throw new DynamoDBError('BackupNotFoundException', `Backup not found: ${backupArn}`);
  }
  return record;
}

/** DynamoDB refuses to delete or reuse a backup that feeds a restore that has not finished. */
export function checkBackupNotInUse(ctx: OperationContext, backupArn: string): void {
  if (ctx.engine.storage.metadata.backups.inRestore.has(backupArn)) {
    throw new DynamoDBError('BackupInUseException', `Backup is in use by an ongoing restore: ${backupArn}`);
  }
}
