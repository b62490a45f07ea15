import Type from 'typebox';
import { defineOperation } from '../types.js';
import { TableName } from './schemas.js';

const DEFAULT_LIMIT = 100;

export const listTables = defineOperation({
  name: 'ListTables',
  input: Type.Object({
    ExclusiveStartTableName: Type.Optional(TableName),
    Limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, javaType: 'Integer' })),
  }),
  handle(request, ctx) {
    const limit = request.Limit ?? DEFAULT_LIMIT;
    const start = request.ExclusiveStartTableName;
    // Catalog order is byte order of the names, the order DynamoDB lists them in.
    const names = ctx.engine.catalog
      .list(ctx.namespace)
      .map((t) => t.TableName)
      .filter((name) => start === undefined || name > start);
    const page = names.slice(0, limit);
    const out: { TableNames: string[]; LastEvaluatedTableName?: string } = { TableNames: page };
    if (names.length > limit) out.LastEvaluatedTableName = page[page.length - 1]!;
    return out;
  },
});
