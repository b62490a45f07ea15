import { Type } from 'typebox';
import { isDynamoDBError, validation } from '../../errors.js';
import { transactionCanceled, type CancellationReason } from '../../storage/item-writes.js';
import { validateItem, type Item } from '../../model/index.js';
import { tableItemKey } from '../../storage/items-keys.js';
import type { TableMeta } from '../../storage/types.js';
import { defineOperation } from '../types.js';
import { wireBody } from '../wire-body.js';
import { CapacityMeter, readUnitsFor, reportAll } from './common/capacity.js';
import { compileProjection, openScope } from './common/expressions.js';
import { itemJsonReader } from '../../storage/item-json.js';
import { checkKey, KEY_SCHEMA_MISMATCH } from './common/keys.js';
import * as S from './common/schemas.js';
import { activeTable } from '../table-lookup.js';

const Get = Type.Object({
  TableName: S.TableNameSchema,
  Key: S.AttributeMapSchema,
  ProjectionExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeNames: Type.Optional(S.ExpressionAttributeNamesSchema),
});

export const TransactGetItemsInput = Type.Object({
  TransactItems: Type.Array(Type.Object({ Get: Get }), { minItems: 1, maxItems: 100 }),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
});

/** A Key that does not fit the table's key schema (an empty Key, say) cancels the transaction with a
 *  ValidationError reason instead of failing the request (paritysuite dynamodb-conformance
 *  tests/tier3/error-messages/transactGetItems.test.ts, 2026-10). An empty key value stays a top-level error. */
function keyShapeRefusal(table: TableMeta, key: Item): string | undefined {
  try {
    checkKey(table, key);
    return undefined;
  } catch (e) {
    if (isDynamoDBError(e) && e.message === KEY_SCHEMA_MISMATCH) return KEY_SCHEMA_MISMATCH;
    throw e;
  }
}

const reasonOf = (refusal: string | undefined): CancellationReason =>
  refusal === undefined ? { Code: 'None' } : { Code: 'ValidationError', Message: refusal };

export const transactGetItems = defineOperation({
  name: 'TransactGetItems',
  input: TransactGetItemsInput,
  valueLayer: 'older',
  handle(input, ctx) {
    const gets = input.TransactItems.map(({ Get: g }) => {
      const key = validateItem(g.Key, 'Key');
      const scope = openScope(g, []);
      const projector = compileProjection(g, scope);
      scope.assertAllUsed();
      return { g, key, projector };
    });
    const tables = new Map<string, TableMeta>();
    const seen = new Set<string>();
    const refusals: (string | undefined)[] = [];
    const planned = gets.map(({ g, key, projector }) => {
      let table = tables.get(g.TableName);
      if (!table) tables.set(g.TableName, (table = activeTable(ctx, g.TableName)));
      const refusal = keyShapeRefusal(table, key);
      refusals.push(refusal);
      if (refusal !== undefined) return { table, storageKey: Buffer.alloc(0), projector };
      const storageKey = tableItemKey(table, key);
      const id = `${table.id}:${storageKey.toString('latin1')}`;
      if (seen.has(id)) throw validation('Transaction request cannot include multiple operations on one item');
      seen.add(id);
      return { table, storageKey, projector };
    });
    if (refusals.some((r) => r !== undefined)) throw transactionCanceled(refusals.map(reasonOf));
    // One synchronous pass: every read sees the same LMDB snapshot.
    const { store } = ctx.engine.storage;
    const meters = new Map<TableMeta, CapacityMeter>();
    const responses = planned.map(({ table, storageKey, projector }) => {
      const got = itemJsonReader(store, projector)(storageKey);
      let meter = meters.get(table);
      if (!meter) meters.set(table, (meter = new CapacityMeter(table, 'Read')));
      meter.addTable(2 * readUnitsFor(got?.size ?? 0, true));
      return got ? `{"Item":${got.json}}` : '{}';
    });
    return wireBody('Responses', responses, {
      ConsumedCapacity: reportAll(meters.values(), input.ReturnConsumedCapacity),
    });
  },
});
