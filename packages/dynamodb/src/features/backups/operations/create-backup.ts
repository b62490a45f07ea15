import { Type } from 'typebox';
import { defineOperation } from '../../../operations/types.js';
import { backupDetails } from '../backup-description.js';
import { newBackupArn } from '../backup-arn.js';
import { requireUsableTable, tableNotFoundBackup } from '../../../operations/table-lookup.js';
import { PlainTableNameSchema, TableNameSchema } from '../../../operations/features/support/schemas.js';

export const createBackup = defineOperation({
  name: 'CreateBackup',
  input: Type.Object({ TableName: TableNameSchema, BackupName: PlainTableNameSchema }),
  async handle(input, ctx) {
    const table = requireUsableTable(ctx, input.TableName, tableNotFoundBackup);
    const nowMs = ctx.engine.now();
    const arn = newBackupArn(table, nowMs);
    const record = await ctx.engine.storage.metadata.backups.snapshot(table, arn, input.BackupName, nowMs);
    // DynamoDB answers CREATING and reports AVAILABLE ~50 ms later; our snapshot is complete when we answer,
    // so we say so (the ACK Backup resource turns Synced at once instead of after a 30 s requeue).
    return { BackupDetails: backupDetails(record, 'AVAILABLE') };
  },
});
