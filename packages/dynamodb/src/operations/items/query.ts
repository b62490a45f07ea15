import { Type } from 'typebox';
import { validation } from '../../errors.js';
import {
  bindKeyCondition,
  parseKeyCondition,
  type CompiledKeyCondition,
  type RangeCondition,
} from '../../expressions/index.js';
import {
  compareValues,
  encodeKeyValue,
  typeOf,
  valuesEqual,
  type AttributeValue,
  type KeySchemaElement,
  type ScalarKeyType,
} from '../../model/index.js';
import { partitionPrefix, prefixEnd } from '../../storage/items-keys.js';
import type { IndexMeta, TableMeta } from '../../storage/types.js';
import { defineOperation } from '../types.js';
import { compileFilter, compileProjection, openScope } from './common/expressions.js';
import type { PageRange } from '../../storage/item-reads.js';
import { pageResponse, planRead, readPage } from './common/page.js';
import * as S from './common/schemas.js';
import { conditionalOperatorBeforeSelect } from './common/conditional-operator-first.js';
import { checkLegacyKeyConditions, compileLegacyKeyConditions, compileLegacyConditions } from './common/legacy.js';
import { exclusiveStartKey, startKeyValues } from './common/start-key.js';
import { activeTable, findIndex } from '../table-lookup.js';
import { attributeOf } from '../../model/attribute-map.js';

// Member order = the order DynamoDB lists constraint violations in (dynalite test/query.js "incorrect attributes").
export const QueryInput = Type.Object({
  Limit: Type.Optional(Type.Integer({ minimum: 1 })),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
  AttributesToGet: Type.Optional(S.AttributesToGetSchema),
  QueryFilter: Type.Optional(S.LegacyConditionsSchema),
  Select: Type.Optional(S.SelectSchema),
  KeyConditions: Type.Optional(S.LegacyConditionsSchema),
  TableName: S.TableNameSchema,
  IndexName: Type.Optional(S.IndexNameSchema),
  ConditionalOperator: Type.Optional(S.ConditionalOperatorSchema),
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
  ScanIndexForward: Type.Optional(Type.Boolean()),
  ExclusiveStartKey: Type.Optional(S.AttributeMapSchema),
  ProjectionExpression: Type.Optional(S.ExpressionSchema),
  FilterExpression: Type.Optional(S.ExpressionSchema),
  KeyConditionExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeNames: Type.Optional(S.ExpressionAttributeNamesSchema),
  ExpressionAttributeValues: Type.Optional(S.ExpressionAttributeValuesSchema),
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
  const p = partitionPrefix(table.id, index ? index.id : 0, shape, cond.hash.value);
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

/** Whether a start key's range value lies inside the range condition (DynamoDB refuses one outside it). */
function inRange(value: AttributeValue, r: RangeCondition): boolean {
  const cmp = (bound: AttributeValue) => compareValues(value, bound) ?? 0;
  switch (r.op) {
    case '=':
      return cmp(r.value) === 0;
    case '<':
      return cmp(r.value) < 0;
    case '<=':
      return cmp(r.value) <= 0;
    case '>':
      return cmp(r.value) > 0;
    case '>=':
      return cmp(r.value) >= 0;
    case 'BETWEEN':
      return cmp(r.low) >= 0 && cmp(r.high) <= 0;
    case 'begins_with': {
      const p = r.prefix;
      if ('S' in value && 'S' in p) return value.S.startsWith(p.S);
      if (!('B' in value && 'B' in p)) return false;
      const prefix = Buffer.from(p.B, 'base64');
      return Buffer.from(value.B, 'base64').subarray(0, prefix.length).equals(prefix);
    }
  }
}

/** A Query's filter may not read the key attributes of the key schema queried: "Filter Expression can only
 *  contain non-primary key attributes: Primary key attribute: a" (dynalite test/query.js; also quoted from AWS in
 *  the issue threads of users who hit it), "QueryFilter ..." for the legacy member. */
function checkFilterSparesKeys(keySchema: KeySchemaElement[], member: string, read: ReadonlySet<string> | object) {
  for (const { AttributeName: name } of keySchema) {
    const reads = read instanceof Set ? read.has(name) : Object.hasOwn(read, name);
    if (reads)
      throw validation(`${member} can only contain non-primary key attributes: Primary key attribute: ${name}`);
  }
}

export const query = defineOperation({
  name: 'Query',
  beforeSchema: conditionalOperatorBeforeSelect,
  input: QueryInput,
  handle(input, ctx) {
    // Everything that needs no table first: DynamoDB answers a malformed request with ValidationException even
    // when the table does not exist (ExtendDB tests/test_validation_precedence.py, recorded against DynamoDB).
    const scope = openScope(input, ['FilterExpression', 'KeyConditionExpression']);
    const legacyFilter = compileLegacyConditions(input.QueryFilter, input.ConditionalOperator, 'QueryFilter');
    const projector = compileProjection(input, scope);
    const startKey = input.ExclusiveStartKey !== undefined ? startKeyValues(input.ExclusiveStartKey) : undefined;
    if (input.KeyConditionExpression === undefined && input.KeyConditions === undefined) {
      throw validation(
        'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
      );
    }
    const filterNames = input.FilterExpression !== undefined ? new Set<string>() : undefined;
    const filter =
      input.FilterExpression !== undefined ? compileFilter(input.FilterExpression, scope, filterNames) : legacyFilter;
    const terms =
      input.KeyConditionExpression !== undefined ? parseKeyCondition(input.KeyConditionExpression, scope) : undefined;
    if (input.KeyConditions !== undefined && terms === undefined) checkLegacyKeyConditions(input.KeyConditions);
    scope.assertAllUsed();

    const table = activeTable(ctx, input.TableName);
    const index = input.IndexName !== undefined ? findIndex(table, input.IndexName) : undefined;
    const keySchema = index ? index.KeySchema : table.KeySchema;
    const cond = terms
      ? bindKeyCondition(terms, keySchema, table.AttributeDefinitions)
      : compileLegacyKeyConditions(input.KeyConditions!, keySchema, (name) => attributeType(table, name));
    checkConditionTypes(table, index, cond);
    if (filterNames) checkFilterSparesKeys(keySchema, 'Filter Expression', filterNames);
    else if (input.QueryFilter) checkFilterSparesKeys(keySchema, 'QueryFilter', input.QueryFilter);
    const filterRead = filterNames ?? Object.keys(input.QueryFilter ?? {});
    const plan = planRead(input, table, index, projector, filter, 'Query', filterRead);
    const range: PageRange = { ...keyRange(table, index, cond), reverse: input.ScanIndexForward === false };
    if (startKey !== undefined) {
      const start = exclusiveStartKey(table, index, startKey, 'Query');
      const startHash = attributeOf(start.key, cond.hash.name);
      if (!startHash || !valuesEqual(startHash, cond.hash.value)) {
        throw validation('The provided starting key is outside query boundaries based on provided conditions');
      }
      const startRange = cond.range && attributeOf(start.key, cond.range.name);
      if (cond.range && startRange && !inRange(startRange, cond.range))
        throw validation('The provided starting key does not match the range key predicate');
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

const attributeType = (table: TableMeta, name: string) =>
  table.AttributeDefinitions.find((d) => d.AttributeName === name)?.AttributeType;
