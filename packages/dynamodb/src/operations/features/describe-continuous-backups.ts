import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { continuousBackupsDescription } from './support/continuous-backups.js';
import { requireUsableTable, tableNotFoundBackup } from '../table-lookup.js';
import { TableNameSchema } from './support/schemas.js';

export const describeContinuousBackups = defineOperation({
  name: 'DescribeContinuousBackups',
  input: Type.Object({ TableName: TableNameSchema }),
  handle(input, ctx) {
    const table = requireUsableTable(ctx, input.TableName, tableNotFoundBackup);
    return { ContinuousBackupsDescription: continuousBackupsDescription(ctx.engine, table) };
  },
});
