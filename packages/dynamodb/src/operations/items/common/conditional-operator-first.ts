// Query's newer validation layer: an unknown ConditionalOperator beside an unknown Select is answered on its own,
// bare and in that layer's enum wording, before the schema's "N validation errors detected" list is built.
// Recorded by paritysuite/dynamodb-conformance tests/tier3/validation-ordering/query.test.ts (eu-west-2 and
// us-east-1, 2026-10-09) for a well-formed table name. dynalite's test/query.js, older and sent with a malformed
// table name and more bad members, lists both in the older form; a request like that keeps the list.
import { validation } from '../../../errors.js';
import { ConditionalOperatorSchema, SelectSchema } from './schemas.js';

const NEWER_ENUM_MESSAGE = 'Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]';
const WELL_FORMED_TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

const outside = (schema: { enum: readonly string[] }, value: unknown) =>
  typeof value === 'string' && !schema.enum.includes(value);

export function conditionalOperatorBeforeSelect(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null) return;
  const { ConditionalOperator, Select, TableName } = raw as Record<string, unknown>;
  if (typeof TableName !== 'string' || !WELL_FORMED_TABLE_NAME.test(TableName)) return;
  if (outside(ConditionalOperatorSchema, ConditionalOperator) && outside(SelectSchema, Select)) {
    throw validation(NEWER_ENUM_MESSAGE);
  }
}
