// A plan bound to a request's Parameters: the JSON API request members that run it.
import type { AttributeValue, Item } from '../../../model/index.js';
import { bindMap, bindValue, keyAbsent, keyTypeMismatch, type KeyBinding, type Plan } from '../../../partiql/index.js';
import type { TableMeta } from '../../../storage/types.js';
import { attributeOf, setAttribute } from '../../../model/attribute-map.js';

/** ExpressionAttributeNames / ExpressionAttributeValues, leaving out empty ones (the API refuses them). */
export function expressionMembers(
  plan: Plan,
  params: readonly AttributeValue[],
  extra?: Record<string, AttributeValue>,
) {
  const members: Record<string, unknown> = {};
  if (Object.keys(plan.names).length) members.ExpressionAttributeNames = plan.names;
  const values: Record<string, AttributeValue> = { ...extra };
  plan.values.forEach((v, i) => (values[`:v${i}`] = bindValue(v, params)));
  if (Object.keys(values).length) members.ExpressionAttributeValues = values;
  return members;
}

export function boundKey(key: KeyBinding[], params: readonly AttributeValue[]): Item {
  const item: Item = {};
  for (const { name, value } of key) setAttribute(item, name, bindValue(value, params));
  return item;
}

/** INSERT's item, with DynamoDB's PartiQL messages for a missing or mistyped key attribute. */
export function insertItem(
  plan: Extract<Plan, { kind: 'insert' }>,
  table: TableMeta,
  params: readonly AttributeValue[],
) {
  const item = bindMap(plan.item, params);
  for (const attr of [table.key.hash, ...(table.key.range ? [table.key.range] : [])]) {
    const value = attributeOf(item, attr.name);
    if (!value) throw keyAbsent(attr.name);
    if (!(attr.type in value)) throw keyTypeMismatch(attr.name);
  }
  return item;
}

export const INSERT_CONDITION = 'attribute_not_exists(#k)';

/** The single-item write a plan stands for, as the member of a TransactWriteItems request or a plain request. */
export function writeRequest(prepared: { plan: Plan; table: TableMeta; params: AttributeValue[] }) {
  const { plan, table, params } = prepared;
  const TableName = table.TableName;
  switch (plan.kind) {
    case 'insert':
      return {
        op: 'Put' as const,
        input: {
          TableName,
          Item: insertItem(plan, table, params),
          ConditionExpression: INSERT_CONDITION,
          ExpressionAttributeNames: { '#k': table.key.hash.name },
        },
      };
    case 'update':
      return {
        op: 'Update' as const,
        input: {
          TableName,
          Key: boundKey(plan.key, params),
          UpdateExpression: plan.update,
          ConditionExpression: plan.condition,
          ...expressionMembers(plan, params),
        },
        returnValues: plan.returnValues,
      };
    case 'delete':
      return {
        op: 'Delete' as const,
        input: {
          TableName,
          Key: boundKey(plan.key, params),
          ...(plan.condition ? { ConditionExpression: plan.condition } : {}),
          ...expressionMembers(plan, params),
        },
        returnValues: plan.returnValues,
      };
    case 'check':
      return {
        op: 'ConditionCheck' as const,
        input: {
          TableName,
          Key: boundKey(plan.key, params),
          ConditionExpression: plan.condition,
          ...expressionMembers(plan, params),
        },
      };
    default:
      return undefined;
  }
}
