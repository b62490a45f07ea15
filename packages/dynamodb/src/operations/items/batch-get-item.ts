import { Type, type Static } from 'typebox';
import { validation } from '../../errors.js';
import { validateItem, type Item } from '../../model/index.js';
import { tableItemKey } from '../../storage/items-keys.js';
import type { TableMeta } from '../../storage/types.js';
import { defineOperation } from '../types.js';
import { wireBodyOfLists } from '../wire-body.js';
import { CapacityMeter, readUnitsFor, reportAll } from './common/capacity.js';
import { compileProjection, openScope, type Projector } from './common/expressions.js';
import { itemJsonReader } from '../../storage/item-json.js';
import { checkKey } from './common/keys.js';
import * as S from './common/schemas.js';
import { activeTable } from '../table-lookup.js';

const MAX_KEYS = 100;
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

const KeysAndAttributes = Type.Object({
  Keys: Type.Array(S.AttributeMapSchema, { minItems: 1, maxItems: 100, wireLengths: true }),
  AttributesToGet: Type.Optional(S.AttributesToGetSchema),
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
  ProjectionExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeNames: Type.Optional(S.ExpressionAttributeNamesSchema),
});

export const BatchGetItemInput = Type.Object({
  RequestItems: Type.Record(S.TableNameSchema, KeysAndAttributes, {
    minProperties: 1,
    maxProperties: 100,
    tableNameKeys: true,
    wireLengths: true,
  }),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
});

interface TableRequest {
  name: string;
  request: Static<typeof BatchGetItemInput>['RequestItems'][string];
  keys: Item[];
  projector: Projector | undefined;
  table?: TableMeta;
  storageKeys?: Buffer[];
}

/** Two equal keys in one table's Keys are refused before any table is looked up (ExtendDB
 *  tests/test_validation_precedence.py, recorded against DynamoDB: a missing table still answers this). Keys are
 *  already normalised (numbers canonical), so equal keys have equal attributes and values in some order. */
function checkNoDuplicateKeys(keys: Item[]): void {
  if (keys.length < 2) return;
  const seen = new Set<string>();
  for (const key of keys) {
    const id = JSON.stringify(
      Object.keys(key)
        .sort()
        .map((name) => [name, key[name]]),
    );
    if (seen.has(id)) throw validation('Provided list of item keys contains duplicates');
    seen.add(id);
  }
}

export const batchGetItem = defineOperation({
  name: 'BatchGetItem',
  input: BatchGetItemInput,
  handle(input, ctx) {
    const requests: TableRequest[] = [];
    let total = 0;
    for (const request of Object.values(input.RequestItems)) {
      total += request.Keys.length;
      if (total > MAX_KEYS) throw validation('Too many items requested for the BatchGetItem call');
    }
    for (const [name, request] of Object.entries(input.RequestItems)) {
      const keys = request.Keys.map((k) => validateItem(k, 'Key'));
      checkNoDuplicateKeys(keys);
      const scope = openScope(request, []);
      const projector = compileProjection(request, scope);
      scope.assertAllUsed();
      requests.push({ name, request, keys, projector });
    }
    for (const r of requests) {
      const table = activeTable(ctx, r.name);
      r.storageKeys = r.keys.map((key) => {
        checkKey(table, key);
        return tableItemKey(table, key);
      });
      r.table = table;
    }
    // All reads happen in one synchronous pass: one LMDB read snapshot.
    const responses: [table: string, items: string[]][] = [];
    const unprocessed: Record<string, unknown> = {};
    const meters: CapacityMeter[] = [];
    let bytes = 0;
    for (const r of requests) {
      const table = r.table!;
      const found: string[] = [];
      let units = 0;
      const consistent = r.request.ConsistentRead === true;
      const storageKeys = r.storageKeys!;
      const read = itemJsonReader(ctx.engine.storage.store, r.projector);
      let i = 0;
      for (; i < storageKeys.length && bytes < MAX_RESPONSE_BYTES; i++) {
        const got = read(storageKeys[i]!);
        units += readUnitsFor(got?.size ?? 0, consistent);
        if (!got) continue;
        bytes += got.returnedSize;
        found.push(got.json);
      }
      responses.push([r.name, found]);
      if (i < storageKeys.length) unprocessed[r.name] = { ...r.request, Keys: r.request.Keys.slice(i) };
      meters.push(new CapacityMeter(table).addTable(units));
    }
    return wireBodyOfLists('Responses', responses, {
      UnprocessedKeys: unprocessed,
      ConsumedCapacity: reportAll(meters, input.ReturnConsumedCapacity),
    });
  },
});
