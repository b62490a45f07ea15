import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { checkBackupNotInUse, requireBackup } from './support/backup-arn.js';
import { backupDescription } from './support/backup-description.js';
import { BackupArnSchema } from './support/schemas.js';

export const deleteBackup = defineOperation({
  name: 'DeleteBackup',
  input: Type.Object({ BackupArn: BackupArnSchema }),
  async handle(input, ctx) {
    const record = requireBackup(ctx, input.BackupArn);
    checkBackupNotInUse(ctx, record.BackupArn);
    await ctx.engine.storage.metadata.backups.remove(record);
    return { BackupDescription: backupDescription(record, 'DELETED') };
  },
});
