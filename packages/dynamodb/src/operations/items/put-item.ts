import { Type } from 'typebox';
import { tableItemKey } from '../../storage/items-keys.js';
import { defineOperation } from '../types.js';
import { CapacityMeter, writeUnitsFor } from './common/capacity.js';
import { compileCondition, openScope } from './common/expressions.js';
import { checkItemKeys } from './common/keys.js';
import { itemCollectionMetrics } from './common/metrics.js';
import { checkedItem } from './common/put.js';
import * as S from './common/schemas.js';
import { compileLegacyConditions } from './common/legacy.js';
import { activeTable } from './common/table.js';
import { executeWrite } from '../../storage/item-writes.js';

export const PutItemInput = Type.Object({
  TableName: S.TableNameSchema,
  Item: S.AttributeMapSchema,
  ...S.ConditionalWriteMembers,
});

export const putItem = defineOperation({
  name: 'PutItem',
  input: PutItemInput,
  async handle(input, ctx) {
    const rv = input.ReturnValues;
    S.checkAllOldOrNone(rv);
    const { item, size } = checkedItem(input.Item);
    const scope = openScope(input);
    const condition =
      compileCondition(input.ConditionExpression, scope) ??
      compileLegacyConditions(input.Expected, input.ConditionalOperator, 'Expected');
    scope.assertAllUsed();
    const table = activeTable(ctx, input.TableName);
    checkItemKeys(table, item);
    const result = await executeWrite(ctx.engine.storage, {
      table,
      key: tableItemKey(table, item),
      condition,
      returnOldOnFailure: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
      next: () => item,
    });
    const out: Record<string, unknown> = {};
    if (rv === 'ALL_OLD' && result.oldItem) out.Attributes = result.oldItem;
    const consumed = new CapacityMeter(table)
      .addTable(writeUnitsFor(Math.max(size, result.oldSize)))
      .addIndexWrites(result.indexUnits)
      .report(input.ReturnConsumedCapacity);
    if (consumed) out.ConsumedCapacity = consumed;
    const metrics = itemCollectionMetrics(table, input.ReturnItemCollectionMetrics, item);
    if (metrics) out.ItemCollectionMetrics = metrics;
    return out;
  },
});
