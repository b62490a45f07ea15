import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { requireBackup } from './support/backup-arn.js';
import { backupDescription } from './support/backup-description.js';
import { BackupArnSchema } from './support/schemas.js';

export const describeBackup = defineOperation({
  name: 'DescribeBackup',
  input: Type.Object({ BackupArn: BackupArnSchema }),
  handle(input, ctx) {
    return { BackupDescription: backupDescription(requireBackup(ctx, input.BackupArn)) };
  },
});
