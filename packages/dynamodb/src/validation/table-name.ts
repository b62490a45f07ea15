// Table names as the data-plane operations take them: a plain name or, since 2024, the table's ARN. The API
// reference allows 1..1024 characters; beyond that DynamoDB holds a plain name to the CreateTable rules (3..255,
// [a-zA-Z0-9_.-]+) and an ARN to its format. Words recorded against DynamoDB: ExtendDB's
// crates/core/src/error/messages.rs and validation/table_arn.rs (captured with the AWS CLI, 2026), dynalite
// test/getItem.js for the order of the pattern and length rules, test/batchGetItem.js and batchWriteItem.js for
// the RequestItems map keys.
import { rules } from './messages.js';

export const TABLE_NAME_PATTERN = '[a-zA-Z0-9_.-]+';
const NAME = /^[a-zA-Z0-9_.-]+$/;

const ARN_FORMAT =
  "Valid ARN format is 'arn:<awsPartition>:<vendor>:<region>:<subscriber>:resourceType/resourceName', where " +
  'Resource name must have length less than or equal to 255, Resource name must have length greater than or ' +
  `equal to 3, Resource name must satisfy regular expression pattern: ${TABLE_NAME_PATTERN}`;

/** The constraint texts a TableName member violates (none: valid). */
export function tableNameViolations(value: string): string[] {
  if (value.length < 1) return [rules.minLength(1)];
  if (value.length > 1024) return [rules.maxLength(1024)];
  if (value.startsWith('arn:')) return arnViolations(value);
  const out: string[] = [];
  if (!NAME.test(value)) out.push(rules.pattern(TABLE_NAME_PATTERN));
  if (value.length < 3) out.push(rules.minLength(3));
  if (value.length > 255) out.push(rules.maxLength(255));
  return out;
}

function arnViolations(arn: string): string[] {
  // arn:<partition>:<vendor>:<region>:<account>:<resource>; the resource keeps any further colons.
  const parts = arn.split(':');
  const resource = parts.length >= 6 ? parts.slice(5).join(':') : '';
  if (resource === '') return [ARN_FORMAT];
  const slash = resource.indexOf('/');
  if (slash < 0) return [ARN_FORMAT];
  if (resource.slice(0, slash) !== 'table') return ['Invalid resource type'];
  const name = resource.slice(slash + 1);
  if (name.length < 3) return ['Table name of ARN must have length greater than or equal to 3'];
  if (name.length > 255 || !NAME.test(name)) return [ARN_FORMAT];
  return [];
}

/** RequestItems keys (BatchGetItem, BatchWriteItem): one message for the whole map. */
export const TABLE_NAME_KEYS_RULE =
  'Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length ' +
  `greater than or equal to 3, Member must satisfy regular expression pattern: ${TABLE_NAME_PATTERN}]`;
