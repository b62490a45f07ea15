import { Type } from 'typebox';
import { defineOperation } from '../../../operations/types.js';
import { requireBackup } from '../backup-arn.js';
import { backupDescription } from '../backup-description.js';
import { BackupArnSchema } from '../../../operations/features/support/schemas.js';

export const describeBackup = defineOperation({
  name: 'DescribeBackup',
  input: Type.Object({ BackupArn: BackupArnSchema }),
  handle(input, ctx) {
    return { BackupDescription: backupDescription(requireBackup(ctx, input.BackupArn)) };
  },
});
