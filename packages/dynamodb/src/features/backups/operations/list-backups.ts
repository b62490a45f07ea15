import { Type } from 'typebox';
import { validation } from '../../../errors.js';
import { defineOperation } from '../../../operations/types.js';
import { backupSummary } from '../backup-description.js';
import { BackupArnSchema, TableNameSchema } from '../../../operations/features/support/schemas.js';

const DEFAULT_LIMIT = 100;

export const listBackups = defineOperation({
  name: 'ListBackups',
  input: Type.Object({
    TableName: Type.Optional(TableNameSchema),
    Limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    TimeRangeLowerBound: Type.Optional(Type.Number()),
    TimeRangeUpperBound: Type.Optional(Type.Number()),
    ExclusiveStartBackupArn: Type.Optional(BackupArnSchema),
    BackupType: Type.Optional(Type.Union(['USER', 'SYSTEM', 'AWS_BACKUP', 'ALL'].map((t) => Type.Literal(t)))),
  }),
  handle(input, ctx) {
    const lower = input.TimeRangeLowerBound;
    const upper = input.TimeRangeUpperBound;
    if (lower !== undefined && upper !== undefined && lower > upper) {
      throw validation(
        'One or more parameter values were invalid: Time range lower bound must be less than or equal to upper bound',
      );
    }
    // Only USER backups exist here (no SYSTEM backups on DeleteTable, no AWS Backup).
    const type = input.BackupType ?? 'USER';
    const matching = ctx.engine.storage.metadata.backups
      .list(ctx.namespace)
      .filter(
        (r) =>
          (type === 'USER' || type === 'ALL') &&
          (input.TableName === undefined || r.source.TableName === input.TableName) &&
          (lower === undefined || r.BackupCreationDateTime >= lower) &&
          (upper === undefined || r.BackupCreationDateTime < upper),
      );
    let start = 0;
    if (input.ExclusiveStartBackupArn !== undefined) {
      const at = matching.findIndex((r) => r.BackupArn === input.ExclusiveStartBackupArn);
      start = at + 1;
    }
    const limit = input.Limit ?? DEFAULT_LIMIT;
    const page = matching.slice(start, start + limit);
    const more = start + limit < matching.length;
    return {
      BackupSummaries: page.map(backupSummary),
      ...(more ? { LastEvaluatedBackupArn: page[page.length - 1]!.BackupArn } : {}),
    };
  },
});
