// The backups feature's operations: on-demand backups, restore, and point-in-time recovery settings.
import type { Operation } from '../../../operations/types.js';
import { createBackup } from './create-backup.js';
import { deleteBackup } from './delete-backup.js';
import { describeBackup } from './describe-backup.js';
import { describeContinuousBackups } from './describe-continuous-backups.js';
import { listBackups } from './list-backups.js';
import { restoreTableFromBackup } from './restore-table-from-backup.js';
import { updateContinuousBackups } from './update-continuous-backups.js';

export const backupOperations: Operation<any>[] = [
  updateContinuousBackups,
  describeContinuousBackups,
  createBackup,
  describeBackup,
  listBackups,
  deleteBackup,
  restoreTableFromBackup,
];
