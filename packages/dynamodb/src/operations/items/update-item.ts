import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { validateItem, type Item } from '../../model/index.js';
import { itemSize } from '../../model/index.js';
import { tableItemKey } from '../../storage/items-keys.js';
import { defineOperation } from '../types.js';
import { compileCondition, compileUpdate, openScope } from './common/expressions.js';
import { checkIndexKeys, checkKey, keyNames } from './common/keys.js';
import { projectPaths } from '../../expressions/index.js';
import * as S from './common/schemas.js';
import { compileAttributeUpdates, compileLegacyConditions } from './common/legacy.js';
import { activeTable } from '../table-lookup.js';
import { writeAnswer } from './common/write-answer.js';
import { executeWrite } from '../../storage/item-writes.js';
import { MAX_ITEM_BYTES } from './common/put.js';
import { checkNesting } from './common/put.js';
import type { CompiledUpdate } from '../../expressions/index.js';
import type { TableMeta } from '../../storage/types.js';

// Member order = the order DynamoDB lists constraint violations in (dynalite validations/*.js and test/*.js).
export const UpdateItemInput = Type.Object({
  ReturnConsumedCapacity: S.ConditionalWriteMembers.ReturnConsumedCapacity,
  TableName: S.TableNameSchema,
  ReturnItemCollectionMetrics: S.ConditionalWriteMembers.ReturnItemCollectionMetrics,
  ReturnValues: S.ConditionalWriteMembers.ReturnValues,
  // ConditionalOperator is reported before a missing Key (paritysuite validation-ordering/updateItem.test.ts,
  // eu-west-2 and us-east-1, 2026-10-09; newer than dynalite's order).
  ConditionalOperator: S.ConditionalWriteMembers.ConditionalOperator,
  Key: S.AttributeMapSchema,
  Expected: S.ConditionalWriteMembers.Expected,
  AttributeUpdates: Type.Optional(S.AttributeUpdatesSchema),
  ConditionExpression: S.ConditionalWriteMembers.ConditionExpression,
  UpdateExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeValues: S.ConditionalWriteMembers.ExpressionAttributeValues,
  ExpressionAttributeNames: S.ConditionalWriteMembers.ExpressionAttributeNames,
  ReturnValuesOnConditionCheckFailure: S.ConditionalWriteMembers.ReturnValuesOnConditionCheckFailure,
});

/** Key attributes may not be updated (DynamoDB checks this once it knows the table); same words for update
 *  expressions and legacy AttributeUpdates. */
export function checkUpdateSparesKey(table: TableMeta, update: CompiledUpdate | undefined): void {
  if (!update) return;
  for (const name of keyNames(table)) {
    if (update.updatedAttributes.has(name)) {
      throw validation(
        `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`,
      );
    }
  }
}

/** The item after an update: an absent item starts as its key (UpdateItem creates it), except that an update
 *  which only removes (REMOVE / DELETE actions) leaves a missing item missing (undefined): scylladb#5862 records
 *  DynamoDB doing so, while an update with no actions at all still creates the item. */
export function updatedItem(
  table: TableMeta,
  key: Item,
  update: CompiledUpdate | undefined,
  old: Item | undefined,
): Item | undefined {
  const base = old ?? { ...key };
  const next = update ? update.apply(base) : base;
  if (!old && update?.onlyRemoves) return undefined;
  checkIndexKeys(table, next);
  checkNesting(next);
  if (itemSize(next) > MAX_ITEM_BYTES) throw validation('Item size to update has exceeded the maximum allowed size');
  return next;
}

export const updateItem = defineOperation({
  name: 'UpdateItem',
  input: UpdateItemInput,
  valueLayer: 'enveloped',
  async handle(input, ctx) {
    const key = validateItem(input.Key, 'Key');
    const scope = openScope(input, ['UpdateExpression', 'ConditionExpression'], true);
    const update =
      compileUpdate(input.UpdateExpression, scope) ??
      (input.AttributeUpdates ? compileAttributeUpdates(input.AttributeUpdates) : undefined);
    const condition =
      compileCondition(input.ConditionExpression, scope, true) ??
      compileLegacyConditions(input.Expected, input.ConditionalOperator, 'Expected');
    scope.assertAllUsed();
    const table = activeTable(ctx, input.TableName);
    checkKey(table, key);
    checkUpdateSparesKey(table, update);
    const result = await executeWrite(ctx.engine.storage, {
      table,
      key: tableItemKey(table, key),
      condition,
      returnOldOnFailure: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
      next: (old) => updatedItem(table, key, update, old),
    });
    const attributes = returnedAttributes(input.ReturnValues, result.oldItem, result.newItem, update);
    return writeAnswer(table, result, attributes, key, input);
  },
});

function returnedAttributes(
  rv: string | undefined,
  oldItem: Item | undefined,
  newItem: Item | undefined,
  update: CompiledUpdate | undefined,
): Item | undefined {
  switch (rv) {
    case 'ALL_OLD':
      return oldItem;
    case 'ALL_NEW':
      return newItem;
    case 'UPDATED_OLD':
      return oldItem && update ? projectPaths(oldItem, update.updatedPaths) : undefined;
    case 'UPDATED_NEW':
      return newItem && update ? projectPaths(newItem, update.updatedPaths) : undefined;
    default:
      return undefined;
  }
}
