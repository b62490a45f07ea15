import { Type } from 'typebox';
import { defineOperation } from '../../../operations/types.js';
import { continuousBackupsDescription } from '../continuous-backups.js';
import { requireUsableTable, tableNotFoundBackup } from '../../../operations/table-lookup.js';
import { TableNameSchema } from '../../../operations/features/support/schemas.js';

export const describeContinuousBackups = defineOperation({
  name: 'DescribeContinuousBackups',
  input: Type.Object({ TableName: TableNameSchema }),
  handle(input, ctx) {
    const table = requireUsableTable(ctx, input.TableName, tableNotFoundBackup);
    return { ContinuousBackupsDescription: continuousBackupsDescription(ctx.engine, table) };
  },
});
