import { Type } from 'typebox';
import { tableItemKey } from '../../storage/items-keys.js';
import { defineOperation } from '../types.js';
import { compileCondition, openScope } from './common/expressions.js';
import { checkItemKeys } from './common/keys.js';
import { checkedItem } from './common/put.js';
import * as S from './common/schemas.js';
import { compileLegacyConditions } from './common/legacy.js';
import { activeTable } from '../table-lookup.js';
import { writeAnswer } from './common/write-answer.js';
import { executeWrite } from '../../storage/item-writes.js';

// Member order = the order DynamoDB lists constraint violations in (dynalite validations/*.js and test/*.js).
export const PutItemInput = Type.Object({
  ReturnConsumedCapacity: S.ConditionalWriteMembers.ReturnConsumedCapacity,
  TableName: S.TableNameSchema,
  Item: S.AttributeMapSchema,
  ConditionalOperator: S.ConditionalWriteMembers.ConditionalOperator,
  Expected: S.ConditionalWriteMembers.Expected,
  ReturnValues: S.ConditionalWriteMembers.ReturnValues,
  ReturnItemCollectionMetrics: S.ConditionalWriteMembers.ReturnItemCollectionMetrics,
  ConditionExpression: S.ConditionalWriteMembers.ConditionExpression,
  ExpressionAttributeValues: S.ConditionalWriteMembers.ExpressionAttributeValues,
  ExpressionAttributeNames: S.ConditionalWriteMembers.ExpressionAttributeNames,
  ReturnValuesOnConditionCheckFailure: S.ConditionalWriteMembers.ReturnValuesOnConditionCheckFailure,
});

export const putItem = defineOperation({
  name: 'PutItem',
  input: PutItemInput,
  valueLayer: 'enveloped',
  async handle(input, ctx) {
    const rv = input.ReturnValues;
    S.checkAllOldOrNone(rv);
    const { item } = checkedItem(input.Item);
    const scope = openScope(input, ['ConditionExpression'], true);
    const condition =
      compileCondition(input.ConditionExpression, scope, true) ??
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
    return writeAnswer(table, result, rv === 'ALL_OLD' ? result.oldItem : undefined, item, input);
  },
});
