// Looks up the backup named by a BackupArn in the caller's namespace.
import { DynamoDBError, validation } from '../../../errors.js';
import type { OperationContext } from '../../types.js';
import { parseDynamoDBArn } from './arn.js';
import { readBackup, type BackupRecord } from './backup-store.js';

export function requireBackup(ctx: OperationContext, backupArn: string): BackupRecord {
  const arn = parseDynamoDBArn(backupArn);
  if (!arn || !/^backup\/[^/]+$/.test(arn.subresource)) throw validation('Invalid Backup ARN');
  const record = readBackup(ctx.engine, backupArn);
  if (!record || record.namespace !== ctx.namespace) {
    throw new DynamoDBError('BackupNotFoundException', `Backup not found: ${backupArn}`);
  }
  return record;
}

/** Backups feeding a restore that has not finished (DynamoDB refuses to delete or reuse them meanwhile). */
export const backupsInRestore = new Set<string>();

export function checkBackupNotInUse(backupArn: string): void {
  if (backupsInRestore.has(backupArn)) {
    throw new DynamoDBError('BackupInUseException', `Backup is in use by an ongoing restore: ${backupArn}`);
  }
}
