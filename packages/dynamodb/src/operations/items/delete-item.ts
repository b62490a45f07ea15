import { Type } from 'typebox';
import { validateItem } from '../../model/index.js';
import { tableItemKey } from '../../storage/items-keys.js';
import { defineOperation } from '../types.js';
import { compileCondition, openScope } from './common/expressions.js';
import { checkKey } from './common/keys.js';
import * as S from './common/schemas.js';
import { compileLegacyConditions } from './common/legacy.js';
import { activeTable } from '../table-lookup.js';
import { writeAnswer } from './common/write-answer.js';
import { executeWrite } from '../../storage/item-writes.js';

// Member order = the order DynamoDB lists constraint violations in (dynalite validations/*.js and test/*.js).
export const DeleteItemInput = Type.Object({
  ReturnConsumedCapacity: S.ConditionalWriteMembers.ReturnConsumedCapacity,
  TableName: S.TableNameSchema,
  ReturnValues: S.ConditionalWriteMembers.ReturnValues,
  ReturnItemCollectionMetrics: S.ConditionalWriteMembers.ReturnItemCollectionMetrics,
  Key: S.AttributeMapSchema,
  ConditionalOperator: S.ConditionalWriteMembers.ConditionalOperator,
  Expected: S.ConditionalWriteMembers.Expected,
  ConditionExpression: S.ConditionalWriteMembers.ConditionExpression,
  ExpressionAttributeValues: S.ConditionalWriteMembers.ExpressionAttributeValues,
  ExpressionAttributeNames: S.ConditionalWriteMembers.ExpressionAttributeNames,
  ReturnValuesOnConditionCheckFailure: S.ConditionalWriteMembers.ReturnValuesOnConditionCheckFailure,
});

export const deleteItem = defineOperation({
  name: 'DeleteItem',
  input: DeleteItemInput,
  valueLayer: 'enveloped',
  async handle(input, ctx) {
    const rv = input.ReturnValues;
    S.checkAllOldOrNone(rv);
    const key = validateItem(input.Key, 'Key');
    const scope = openScope(input, ['ConditionExpression'], true);
    const condition =
      compileCondition(input.ConditionExpression, scope, true) ??
      compileLegacyConditions(input.Expected, input.ConditionalOperator, 'Expected');
    scope.assertAllUsed();
    const table = activeTable(ctx, input.TableName);
    checkKey(table, key);
    const result = await executeWrite(ctx.engine.storage, {
      table,
      key: tableItemKey(table, key),
      condition,
      returnOldOnFailure: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
      next: () => undefined,
    });
    return writeAnswer(table, result, rv === 'ALL_OLD' ? result.oldItem : undefined, key, input);
  },
});
