import { Type } from 'typebox';
import { validateItem } from '../../model/index.js';
import { itemSize } from '../../model/index.js';
import { storedJson, storedSize } from '../../storage/item-codec.js';
import { getItem as readItem, getStoredItem } from '../../storage/item-reads.js';
import { tableItemKey } from '../../storage/items-keys.js';
import { defineOperation } from '../types.js';
import { wireBody } from '../wire-body.js';
import { CapacityMeter, readUnitsFor } from './common/capacity.js';
import { compileProjection, openScope } from './common/expressions.js';
import { checkKey } from './common/keys.js';
import * as S from './common/schemas.js';
import { activeTable } from '../table-lookup.js';

// Member order = the order DynamoDB lists constraint violations in (dynalite validations/*.js and test/*.js).
export const GetItemInput = Type.Object({
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
  AttributesToGet: Type.Optional(S.AttributesToGetSchema),
  TableName: S.TableNameSchema,
  Key: S.AttributeMapSchema,
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
  ProjectionExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeNames: Type.Optional(S.ExpressionAttributeNamesSchema),
});

export const getItem = defineOperation({
  name: 'GetItem',
  input: GetItemInput,
  handle(input, ctx) {
    const key = validateItem(input.Key, 'Key');
    const scope = openScope(input, []);
    const projector = compileProjection(input, scope);
    scope.assertAllUsed();
    const table = activeTable(ctx, input.TableName);
    checkKey(table, key);
    const storageKey = tableItemKey(table, key);
    const consumed = (size: number) =>
      new CapacityMeter(table)
        .addTable(readUnitsFor(size, input.ConsistentRead === true))
        .report(input.ReturnConsumedCapacity);
    if (!projector) {
      // The whole item: its stored wire JSON goes into the answer as it is.
      const stored = getStoredItem(ctx.engine.storage.store, storageKey);
      return wireBody('Item', stored && storedJson(stored), {
        ConsumedCapacity: consumed(stored ? storedSize(stored) : 0),
      });
    }
    const item = readItem(ctx.engine.storage.store, storageKey);
    const out: Record<string, unknown> = {};
    if (item) out.Item = projector.apply(item);
    const capacity = consumed(item ? itemSize(item) : 0);
    if (capacity) out.ConsumedCapacity = capacity;
    return out;
  },
});
