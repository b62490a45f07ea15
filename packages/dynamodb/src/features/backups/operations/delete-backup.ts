import { Type } from 'typebox';
import { defineOperation } from '../../../operations/types.js';
import { checkBackupNotInUse, requireBackup } from '../backup-arn.js';
import { backupDescription } from '../backup-description.js';
import { BackupArnSchema } from '../../../operations/features/support/schemas.js';

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
