import { Type } from 'typebox';
import { validation } from '../../errors.js';
import { HASH_PREFIX_BYTES, segmentRange } from '../../model/index.js';
import { indexPrefix, prefixEnd } from '../../storage/items-keys.js';
import { defineOperation } from '../types.js';
import { compileFilter, compileProjection, openScope } from './common/expressions.js';
import type { PageRange } from '../../storage/item-reads.js';
import { pageResponse, planRead, readPage } from './common/page.js';
import * as S from './common/schemas.js';
import { compileLegacyConditions } from './common/legacy.js';
import { exclusiveStartKey, startKeyValues } from './common/start-key.js';
import { activeTable, findIndex } from '../table-lookup.js';

// Member order = the order DynamoDB lists constraint violations in (dynalite validations/*.js and test/*.js).
export const ScanInput = Type.Object({
  Select: Type.Optional(S.SelectSchema),
  IndexName: Type.Optional(S.IndexNameSchema),
  TotalSegments: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000000 })),
  ReturnConsumedCapacity: Type.Optional(S.ReturnConsumedCapacitySchema),
  TableName: S.TableNameSchema,
  ConditionalOperator: Type.Optional(S.ConditionalOperatorSchema),
  ScanFilter: Type.Optional(S.LegacyConditionsSchema),
  Segment: Type.Optional(Type.Integer({ minimum: 0, maximum: 999999 })),
  Limit: Type.Optional(Type.Integer({ minimum: 1 })),
  AttributesToGet: Type.Optional(S.AttributesToGetSchema),
  ExclusiveStartKey: Type.Optional(S.AttributeMapSchema),
  FilterExpression: Type.Optional(S.ExpressionSchema),
  ProjectionExpression: Type.Optional(S.ExpressionSchema),
  ExpressionAttributeValues: Type.Optional(S.ExpressionAttributeValuesSchema),
  ExpressionAttributeNames: Type.Optional(S.ExpressionAttributeNamesSchema),
  ConsistentRead: Type.Optional(S.ConsistentReadSchema),
});

/** A segment bound as the big-endian placement-prefix bytes it starts at. */
function prefixBytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(HASH_PREFIX_BYTES);
  b.writeUIntBE(n, 0, HASH_PREFIX_BYTES);
  return b;
}

export const scan = defineOperation({
  name: 'Scan',
  input: ScanInput,
  valueLayer: 'older',
  handle(input, ctx) {
    const { Segment, TotalSegments } = input;
    if (Segment !== undefined && TotalSegments === undefined) {
      throw validation(
        'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
      );
    }
    if (TotalSegments !== undefined && Segment === undefined) {
      throw validation(
        'The Segment parameter is required but was not present in the request when parameter TotalSegments is present',
      );
    }
    if (Segment !== undefined && TotalSegments !== undefined && Segment >= TotalSegments) {
      throw validation(
        `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${Segment} is not less than TotalSegments: ${TotalSegments}`,
      );
    }
    const scope = openScope(input, ['FilterExpression']);
    const startKey = input.ExclusiveStartKey !== undefined ? startKeyValues(input.ExclusiveStartKey) : undefined;
    const projector = compileProjection(input, scope);
    const filter =
      compileFilter(input.FilterExpression, scope) ??
      compileLegacyConditions(input.ScanFilter, input.ConditionalOperator, 'ScanFilter');
    scope.assertAllUsed();
    const table = activeTable(ctx, input.TableName);
    const index = input.IndexName !== undefined ? findIndex(table, input.IndexName) : undefined;
    const plan = planRead(input, table, index, projector, filter);
    const base = indexPrefix(table.id, index ? index.id : 0);
    let range: PageRange = { lower: base, upper: prefixEnd(base), reverse: false };
    if (Segment !== undefined && TotalSegments !== undefined && TotalSegments > 1) {
      const seg = segmentRange(Segment, TotalSegments);
      range = {
        lower: Buffer.concat([base, prefixBytes(seg.start)]),
        upper: seg.end >= 2 ** (8 * HASH_PREFIX_BYTES) ? prefixEnd(base) : Buffer.concat([base, prefixBytes(seg.end)]),
        reverse: false,
      };
    }
    if (startKey !== undefined) {
      const start = exclusiveStartKey(table, index, startKey, 'Scan');
      if (
        Segment !== undefined &&
        (Buffer.compare(start.storageKey, range.lower) < 0 || Buffer.compare(start.storageKey, range.upper) >= 0)
      ) {
        throw validation('The provided Exclusive start key does not map to the provided segment');
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
