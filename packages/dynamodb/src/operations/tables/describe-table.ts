import Type from 'typebox';
import { requireTable } from '../table-lookup.js';
import { defineOperation } from '../types.js';
import { describeTable as describe } from './describe.js';
import { TableName } from './schemas.js';

export const describeTable = defineOperation({
  name: 'DescribeTable',
  input: Type.Object({ TableName }),
  handle(request, ctx) {
    return { Table: describe(ctx.engine, requireTable(ctx, request.TableName)) };
  },
});
