import { Type } from 'typebox';
import { defineOperation } from '../../../operations/types.js';
import { globalTableDescription, requireGlobalTable } from '../legacy-groups.js';
import { PlainTableNameSchema } from '../../../operations/features/support/schemas.js';

export const describeGlobalTable = defineOperation({
  name: 'DescribeGlobalTable',
  input: Type.Object({ GlobalTableName: PlainTableNameSchema }),
  handle(input, ctx) {
    return { GlobalTableDescription: globalTableDescription(requireGlobalTable(ctx, input.GlobalTableName)) };
  },
});
