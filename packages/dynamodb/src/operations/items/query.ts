import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { parseKeyCondition, type CompiledKeyCondition } from '../../expressions/index.js';
import { encodeKeyValue, typeOf, valuesEqual, type AttributeValue, type ScalarKeyType } from '../../model/index.js';
import { partitionPrefix, prefixEnd } from '../../storage/items-keys.js';
import type { IndexMeta, TableMeta } from '../../storage/types.js';
import { defineOperation } from '../types.js';
import { compileFilter, compileProjection, openScope } from './common/expressions.js';
import type { PageRange } from '../../storage/item-reads.js';
import { pageResponse, planRead, readPage } from './common/page.js';
import * as S from './common/schemas.js';
import { compileLegacyKeyConditions, compileLegacyConditions } from './common/legacy.js';
import { exclusiveStartKey } from './common/start-key.js';
import { activeTable, findIndex } from './common/table.js';

export const QueryInput = Type.Object({
  TableName: S.TableNameSchema,
  IndexName: Type.Optional(S.IndexNameSchema),
  Select: Type.Optional(S.SelectSchema),
  AttributesToGet: Type.Optional(S.AttributesToGetSchema),
  Limit: Type.Optional(Type.Integer({ minimum: 1 })),
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
  ScanIndexForward: Type.Optional(Type.Boolean()),
  ExclusiveStartKey: Type.Optional(S.AttributeMapSchema),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
  ProjectionExpression: Type.Optional(S.ExpressionSchema),
  FilterExpression: Type.Optional(S.ExpressionSchema),
  KeyConditionExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeNames: Type.Optional(S.ExpressionAttributeNamesSchema),
  ExpressionAttributeValues: Type.Optional(S.ExpressionAttributeValuesSchema),
  QueryFilter: Type.Optional(S.LegacyConditionsSchema),
  ConditionalOperator: Type.Optional(S.ConditionalOperatorSchema),
  KeyConditions: Type.Optional(S.LegacyConditionsSchema),
});

/** The smallest value greater than every value starting with `prefix` (undefined: no such bound). */
function prefixSuccessor(prefix: AttributeValue, type: ScalarKeyType): AttributeValue | undefined {
  if (type === 'B' && 'B' in prefix) {
    const bytes = Buffer.from(prefix.B, 'base64');
    if (bytes.length === 0 || bytes.every((b) => b === 0xff)) return undefined;
    return { B: prefixEnd(bytes).toString('base64') };
  }
  if ('S' in prefix) {
    // UTF-8 byte order is code point order: bump the last code point (skipping surrogates), dropping maxed ones.
    const cps = [...prefix.S].map((c) => c.codePointAt(0)!);
    while (cps.length > 0) {
      let last = cps.pop()! + 1;
      if (last === 0xd800) last = 0xe000;
      if (last <= 0x10ffff) return { S: String.fromCodePoint(...cps, last) };
    }
  }
  return undefined;
}

function keyRange(
  table: TableMeta,
  index: IndexMeta | undefined,
  cond: CompiledKeyCondition,
): { lower: Buffer; upper: Buffer } {
  const shape = index ? index.key : table.key;
  const p = partitionPrefix(table.id, index ? index.id : 0, encodeKeyValue(cond.hash.value, shape.hash.type));
  const end = prefixEnd(p);
  const r = cond.range;
  if (!r) return { lower: p, upper: end };
  const type = shape.range!.type;
  const at = (v: AttributeValue) => Buffer.concat([p, encodeKeyValue(v, type)]);
  switch (r.op) {
    case '=': {
      const k = at(r.value);
      return { lower: k, upper: prefixEnd(k) };
    }
    case '<':
      return { lower: p, upper: at(r.value) };
    case '<=':
      return { lower: p, upper: prefixEnd(at(r.value)) };
    case '>':
      return { lower: prefixEnd(at(r.value)), upper: end };
    case '>=':
      return { lower: at(r.value), upper: end };
    case 'BETWEEN':
      return { lower: at(r.low), upper: prefixEnd(at(r.high)) };
    case 'begins_with': {
      const next = prefixSuccessor(r.prefix, type);
      return { lower: at(r.prefix), upper: next ? at(next) : end };
    }
  }
}

function checkConditionTypes(table: TableMeta, index: IndexMeta | undefined, cond: CompiledKeyCondition): void {
  const shape = index ? index.key : table.key;
  const values: AttributeValue[] = [cond.hash.value];
  const r = cond.range;
  if (r) values.push(...(r.op === 'BETWEEN' ? [r.low, r.high] : r.op === 'begins_with' ? [r.prefix] : [r.value]));
  const types = [shape.hash.type, ...values.slice(1).map(() => shape.range?.type)];
  values.forEach((v, i) => {
    if (typeOf(v) !== types[i])
      throw validation(
        'One or more parameter values were invalid: Condition parameter type does not match schema type',
      );
  });
  if (r?.op === 'BETWEEN') {
    const lo = encodeKeyValue(r.low, shape.range!.type);
    const hi = encodeKeyValue(r.high, shape.range!.type);
    if (Buffer.compare(lo, hi) > 0) {
      throw validation(
        `Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${JSON.stringify(r.low).replace(/"/g, '')}, upper bound operand: AttributeValue: ${JSON.stringify(r.high).replace(/"/g, '')}`,
      );
    }
  }
}

/** DynamoDB refuses a Query filter that names a key attribute of the table or index queried (hash first). */
function checkFilterSkipsKeys(
  keySchema: { AttributeName: string }[],
  filterNames: ReadonlySet<string> | undefined,
  member: 'QueryFilter' | 'Filter Expression',
): void {
  if (!filterNames) return;
  for (const k of keySchema) {
    if (filterNames.has(k.AttributeName)) {
      throw validation(
        `${member} can only contain non-primary key attributes: Primary key attribute: ${k.AttributeName}`,
      );
    }
  }
}

export const query = defineOperation({
  name: 'Query',
  input: QueryInput,
  handle(input, ctx) {
    const scope = openScope(input);
    if (input.KeyConditionExpression === undefined && input.KeyConditions === undefined) {
      throw validation(
        'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
      );
    }
    const projector = compileProjection(input, scope);
    const filter =
      compileFilter(input.FilterExpression, scope) ??
      compileLegacyConditions(input.QueryFilter, input.ConditionalOperator, 'QueryFilter');
    const table = activeTable(ctx, input.TableName);
    const index = input.IndexName !== undefined ? findIndex(table, input.IndexName) : undefined;
    const keySchema = index ? index.KeySchema : table.KeySchema;
    const cond =
      input.KeyConditionExpression !== undefined
        ? parseKeyCondition(input.KeyConditionExpression, scope, keySchema, table.AttributeDefinitions)
        : compileLegacyKeyConditions(input.KeyConditions!, keySchema);
    scope.assertAllUsed();
    checkConditionTypes(table, index, cond);
    if (input.QueryFilter !== undefined) {
      checkFilterSkipsKeys(keySchema, new Set(Object.keys(input.QueryFilter)), 'QueryFilter');
    } else checkFilterSkipsKeys(keySchema, filter?.topNames, 'Filter Expression');
    const plan = planRead(input, table, index, projector, filter);
    const range: PageRange = { ...keyRange(table, index, cond), reverse: input.ScanIndexForward === false };
    if (input.ExclusiveStartKey !== undefined) {
      const start = exclusiveStartKey(table, index, input.ExclusiveStartKey);
      const startHash = start.key[cond.hash.name];
      if (!startHash || !valuesEqual(startHash, cond.hash.value)) {
        throw validation('The provided starting key is outside query boundaries based on provided conditions');
      }
      range.after = start.storageKey;
    }
    const page = readPage(ctx.engine, table, index, range, plan, {
      limit: input.Limit,
      filter,
      consistent: input.ConsistentRead === true,
    });
    return pageResponse(page, input.ReturnConsumedCapacity);
  },
});
