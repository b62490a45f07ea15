// Request members shared by the item operations, as DynamoDB's API reference constrains them. Attribute values
// are only required to be objects here: their full check (one type, set rules, numbers) is validateItem's, which
// yields DynamoDB's own messages.
import { Type } from 'typebox';
import { validation } from '../../../errors.js';
import type { AttributeValue, Item } from '../../../model/index.js';
import type { LegacyCondition, LegacyUpdate } from './legacy.js';

export { IndexNameSchema } from '../../schemas.js';

/** A table name or ARN: 1..1024 characters per the API reference, a plain name 3..255 of [a-zA-Z0-9_.-]
 *  (validation/table-name.ts). */
export const TableNameSchema = Type.String({ tableName: true });
export const AttributeValueSchema = Type.Unsafe<AttributeValue>({
  type: 'object',
  serializationKind: 'AttributeValue',
});
export const AttributeMapSchema = Type.Unsafe<Item>(
  Type.Record(Type.String(), AttributeValueSchema, { serializationKind: 'AttributeMap' }),
);
export const ExpressionAttributeNamesSchema = Type.Record(Type.String(), Type.String());
export const ExpressionAttributeValuesSchema = Type.Unsafe<Record<string, AttributeValue>>(
  Type.Record(Type.String(), AttributeValueSchema),
);
export const ReturnConsumedCapacitySchema = Type.Enum(['INDEXES', 'TOTAL', 'NONE']);
export const ReturnItemCollectionMetricsSchema = Type.Enum(['SIZE', 'NONE']);
// Enum values in the order DynamoDB lists them in "Member must satisfy enum value set: [...]" (ExtendDB
// tests/test_wording_parity_validation.py for ReturnValues, captured 2026; dynalite test/scan.js, query.js).
export const ReturnValueSchema = Type.Enum(['ALL_NEW', 'UPDATED_OLD', 'ALL_OLD', 'NONE', 'UPDATED_NEW']);
export const ReturnValuesOnConditionCheckFailureSchema = Type.Enum(['ALL_OLD', 'NONE']);
export const SelectSchema = Type.Enum(['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES']);
export const AttributesToGetSchema = Type.Array(Type.String({ minLength: 1, maxLength: 65535 }), { minItems: 1 });
export const ConsistentReadSchema = Type.Boolean();
export const ExpressionSchema = Type.String();

export type ReturnConsumedCapacity = 'INDEXES' | 'TOTAL' | 'NONE';

// Legacy (pre-expression) members; their contents are checked where they are compiled (common/legacy.ts).
export const LegacyConditionsSchema = Type.Unsafe<Record<string, LegacyCondition>>(
  Type.Record(Type.String(), Type.Unsafe({ type: 'object' })),
);
export const ConditionalOperatorSchema = Type.Enum(['OR', 'AND']);
export const AttributeUpdatesSchema = Type.Unsafe<Record<string, LegacyUpdate>>(
  Type.Record(Type.String(), Type.Unsafe({ type: 'object' })),
);

/** The request members PutItem, DeleteItem and UpdateItem share, in DynamoDB's order (validation messages list
 *  members in this order). */
export const ConditionalWriteMembers = {
  ConditionExpression: Type.Optional(ExpressionSchema),
  ExpressionAttributeNames: Type.Optional(ExpressionAttributeNamesSchema),
  ExpressionAttributeValues: Type.Optional(ExpressionAttributeValuesSchema),
  ReturnValues: Type.Optional(ReturnValueSchema),
  ReturnConsumedCapacity: Type.Optional(ReturnConsumedCapacitySchema),
  ReturnItemCollectionMetrics: Type.Optional(ReturnItemCollectionMetricsSchema),
  ReturnValuesOnConditionCheckFailure: Type.Optional(ReturnValuesOnConditionCheckFailureSchema),
  Expected: Type.Optional(LegacyConditionsSchema),
  ConditionalOperator: Type.Optional(ConditionalOperatorSchema),
};

/** PutItem and DeleteItem return at most the old item; said inside the validation envelope (paritysuite
 *  tests/tier3/error-messages/deleteItem.test.ts, 2026-10-09). */
export function checkAllOldOrNone(returnValues: string | undefined): void {
  if (returnValues !== undefined && returnValues !== 'NONE' && returnValues !== 'ALL_OLD') {
    throw validation('1 validation error detected: ReturnValues can only be ALL_OLD or NONE');
  }
}
