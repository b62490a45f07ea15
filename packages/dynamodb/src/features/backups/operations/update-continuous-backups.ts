import { Type } from 'typebox';
import { validation } from '../../../errors.js';
import { defineOperation } from '../../../operations/types.js';
import { continuousBackupsDescription } from '../continuous-backups.js';
import { requireUsableTable, tableNotFoundBackup } from '../../../operations/table-lookup.js';
import { nowSeconds, saveTable } from '../../../operations/features/support/tables.js';
import { TableNameSchema } from '../../../operations/features/support/schemas.js';

export const updateContinuousBackups = defineOperation({
  name: 'UpdateContinuousBackups',
  input: Type.Object({
    TableName: TableNameSchema,
    PointInTimeRecoverySpecification: Type.Object({
      PointInTimeRecoveryEnabled: Type.Boolean(),
      RecoveryPeriodInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 35 })),
    }),
  }),
  async handle(input, ctx) {
    const { PointInTimeRecoveryEnabled: enable, RecoveryPeriodInDays: days } = input.PointInTimeRecoverySpecification;
    if (!enable && days !== undefined) {
      throw validation('Invalid Request: Cannot specify RecoveryPeriodInDays when disabling point-in-time recovery.');
    }
    const table = requireUsableTable(ctx, input.TableName, tableNotFoundBackup);
    // Re-enabling keeps the original window start; enabling afresh starts it now.
    const enabledAt = enable
      ? table.PointInTimeRecoveryEnabled
        ? table.PointInTimeRecoveryEnabledAt
        : nowSeconds(ctx)
      : undefined;
    const updated = { ...table, PointInTimeRecoveryEnabled: enable, PointInTimeRecoveryEnabledAt: enabledAt };
    if (enabledAt === undefined) delete updated.PointInTimeRecoveryEnabledAt;
    saveTable(ctx, updated);
    const { tableSettings } = ctx.engine.storage.metadata;
    if (enable && days !== undefined) await tableSettings.setRecoveryPeriodDays(table.id, days);
    if (!enable) await tableSettings.setRecoveryPeriodDays(table.id, undefined);
    return { ContinuousBackupsDescription: continuousBackupsDescription(ctx.engine, updated) };
  },
});
