import { Type } from 'typebox';
import { validateItem } from '../../model/index.js';
import { itemSize } from '../../model/index.js';
import { tableItemKey } from '../../storage/items-keys.js';
import { defineOperation } from '../types.js';
import { CapacityMeter, readUnitsFor } from './common/capacity.js';
import { compileProjection, openScope } from './common/expressions.js';
import { checkKey } from './common/keys.js';
import * as S from './common/schemas.js';
import { activeTable } from './common/table.js';

export const GetItemInput = Type.Object({
  TableName: S.TableNameSchema,
  Key: S.AttributeMapSchema,
  AttributesToGet: Type.Optional(S.AttributesToGetSchema),
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
  ProjectionExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeNames: Type.Optional(S.ExpressionAttributeNamesSchema),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
});

export const getItem = defineOperation({
  name: 'GetItem',
  input: GetItemInput,
  handle(input, ctx) {
    const key = validateItem(input.Key, 'Key');
    const scope = openScope(input);
    const projector = compileProjection(input, scope);
    scope.assertAllUsed();
    const table = activeTable(ctx, input.TableName);
    checkKey(table, key);
    const item = ctx.engine.store.items.get(tableItemKey(table, key));
    const out: Record<string, unknown> = {};
    if (item) out.Item = projector ? projector.apply(item) : item;
    const consumed = new CapacityMeter(table)
      .addTable(readUnitsFor(item ? itemSize(item) : 0, input.ConsistentRead === true))
      .report(input.ReturnConsumedCapacity);
    if (consumed) out.ConsumedCapacity = consumed;
    return out;
  },
});
