import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { validateItem, type Item } from '../../model/index.js';
import { tableItemKey } from '../../storage/items-keys.js';
import type { TableMeta } from '../../storage/types.js';
import { defineOperation } from '../types.js';
import { TableWriteMeters } from './common/capacity.js';
import { checkItemKeys, checkKey } from './common/keys.js';
import { itemCollectionMetrics, type ItemCollectionMetrics } from './common/metrics.js';
import { checkedItem } from './common/put.js';
import * as S from './common/schemas.js';
import { activeTable } from '../table-lookup.js';
import { executeWrites, type WriteIntent } from '../../storage/item-writes.js';

const MAX_REQUESTS = 25;

const WriteRequest = Type.Object({
  PutRequest: Type.Optional(Type.Object({ Item: S.AttributeMapSchema })),
  DeleteRequest: Type.Optional(Type.Object({ Key: S.AttributeMapSchema })),
});

// Member order = report order: the enums come first, and a bad table name among the RequestItems keys is only
// reported when they are fine (paritysuite validation-ordering/batchOperations.test.ts, 2026).
export const BatchWriteItemInput = Type.Object({
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
  ReturnItemCollectionMetrics: Type.Optional(S.ReturnItemCollectionMetricsSchema),
  // An empty map gets DynamoDB's own sentence (see handle), not the generic length message.
  RequestItems: Type.Record(S.TableNameSchema, Type.Array(WriteRequest, { minItems: 1, maxItems: 25 }), {
    maxProperties: 25,
    tableNameKeys: true,
    keysRuleYields: true,
    mapValueLengths: true,
  }),
});

interface Parsed {
  tableName: string;
  put?: Item;
  key?: Item;
}

export const batchWriteItem = defineOperation({
  name: 'BatchWriteItem',
  input: BatchWriteItemInput,
  valueLayer: 'older',
  async handle(input, ctx) {
    let total = 0;
    for (const requests of Object.values(input.RequestItems)) total += requests.length;
    if (Object.keys(input.RequestItems).length === 0)
      throw validation('The requestItems parameter is required for BatchWriteItem');
    if (total > MAX_REQUESTS) throw validation('Too many items requested for the BatchWriteItem call');
    const parsed: Parsed[] = [];
    for (const [tableName, requests] of Object.entries(input.RequestItems)) {
      for (const r of requests) {
        if ((r.PutRequest === undefined) === (r.DeleteRequest === undefined)) {
          throw validation(
            'One or more parameter values were invalid: A WriteRequest must contain exactly one of PutRequest or DeleteRequest',
          );
        }
        if (r.PutRequest) parsed.push({ tableName, put: checkedItem(r.PutRequest.Item).item });
        else parsed.push({ tableName, key: validateItem(r.DeleteRequest!.Key, 'Key') });
      }
    }
    const tables = new Map<string, TableMeta>();
    const seen = new Set<string>();
    const intents: WriteIntent[] = [];
    for (const p of parsed) {
      let table = tables.get(p.tableName);
      if (!table) tables.set(p.tableName, (table = activeTable(ctx, p.tableName)));
      if (p.put) checkItemKeys(table, p.put, true);
      else checkKey(table, p.key!);
      const key = tableItemKey(table, p.put ?? p.key!);
      const id = key.toString('latin1');
      if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
      seen.add(id);
      const put = p.put;
      intents.push({ table, key, next: () => put });
    }
    const results = await executeWrites(ctx.engine.storage, intents);
    const meters = new TableWriteMeters();
    const metrics: Record<string, ItemCollectionMetrics[]> = {};
    results.forEach((r, i) => {
      const table = intents[i]!.table;
      meters.add(table, r);
      const m = itemCollectionMetrics(
        table,
        input.ReturnItemCollectionMetrics,
        r.newItem ?? r.oldItem ?? parsed[i]!.key,
      );
      if (m) (metrics[table.TableName] ??= []).push(m);
    });
    const out: Record<string, unknown> = { UnprocessedItems: {} };
    const consumed = meters.report(input.ReturnConsumedCapacity);
    if (consumed) out.ConsumedCapacity = consumed;
    if (input.ReturnItemCollectionMetrics === 'SIZE') out.ItemCollectionMetrics = metrics;
    return out;
  },
});
