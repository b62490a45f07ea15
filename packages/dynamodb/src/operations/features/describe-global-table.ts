import { Type } from 'typebox';
import { defineOperation } from '../types.js';
import { globalTableDescription, requireGlobalTable } from './support/global-tables.js';
import { PlainTableNameSchema } from './support/schemas.js';

export const describeGlobalTable = defineOperation({
  name: 'DescribeGlobalTable',
  input: Type.Object({ GlobalTableName: PlainTableNameSchema }),
  handle(input, ctx) {
    return { GlobalTableDescription: globalTableDescription(requireGlobalTable(ctx, input.GlobalTableName)) };
  },
});
