import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bindKeyCondition, parseKeyCondition as checkKeyCondition } from '../../src/expressions/index.js';
import type { ExpressionScope } from '../../src/expressions/index.js';
import type { AttributeDefinition, KeySchemaElement, AttributeValue } from '../../src/model/index.js';
import { throwsValidation, scope } from './helpers.js';

const schema: KeySchemaElement[] = [
  { AttributeName: 'id', KeyType: 'HASH' },
  { AttributeName: 'ts', KeyType: 'RANGE' },
];
const defs: AttributeDefinition[] = [
  { AttributeName: 'id', AttributeType: 'S' },
  { AttributeName: 'ts', AttributeType: 'N' },
];
/** Both stages at once: the table-free checks, then the key schema. */
const parseKeyCondition = (expr: string, sc: ExpressionScope, ks: KeySchemaElement[], ds: AttributeDefinition[]) =>
  bindKeyCondition(checkKeyCondition(expr, sc), ks, ds);
const hashOnly: KeySchemaElement[] = [{ AttributeName: 'id', KeyType: 'HASH' }];
const V: Record<string, AttributeValue> = { ':id': { S: 'u1' }, ':a': { N: '1' }, ':b': { N: '5' }, ':s': { S: 'x' } };

const kc = (
  expr: string,
  values: Record<string, AttributeValue> | undefined = V,
  names?: Record<string, string>,
  ks = schema,
) => parseKeyCondition(expr, scope(values, names), ks, defs);

test('hash equality and every range operator', () => {
  assert.equal(kc('id = :id'), { hash: { name: 'id', value: { S: 'u1' } } });
  assert.equal(kc('id = :id', V, undefined, hashOnly), { hash: { name: 'id', value: { S: 'u1' } } });
  for (const op of ['=', '<', '<=', '>', '>='] as const) {
    assert.equal(kc(`id = :id AND ts ${op} :a`).range, { name: 'ts', op, value: { N: '1' } });
  }
  assert.equal(kc('ts BETWEEN :a AND :b and id = :id'), {
    hash: { name: 'id', value: { S: 'u1' } },
    range: { name: 'ts', op: 'BETWEEN', low: { N: '1' }, high: { N: '5' } },
  });
  const sdefs: AttributeDefinition[] = [
    { AttributeName: 'id', AttributeType: 'S' },
    { AttributeName: 'ts', AttributeType: 'S' },
  ];
  assert.equal(parseKeyCondition('id = :id AND begins_with(ts, :s)', scope(V), schema, sdefs).range, {
    name: 'ts',
    op: 'begins_with',
    prefix: { S: 'x' },
  });
  // Value on the left flips the operator; placeholders and parentheses are fine.
  assert.equal(kc(':a < ts AND :id = id').range, { name: 'ts', op: '>', value: { N: '1' } });
  assert.equal(kc('(#i = :id) AND (#t >= :a)', V, { '#i': 'id', '#t': 'ts' }).range, {
    name: 'ts',
    op: '>=',
    value: { N: '1' },
  });
});

test('shape errors', () => {
  throwsValidation(() => kc('id = :id OR ts = :a'), 'Invalid operator used in KeyConditionExpression: OR');
  throwsValidation(() => kc('NOT id = :id'), 'Invalid operator used in KeyConditionExpression: NOT');
  throwsValidation(() => kc('id IN (:id)'), 'Invalid operator used in KeyConditionExpression: IN');
  throwsValidation(() => kc('id <> :id'), 'Invalid operator used in KeyConditionExpression: <>');
  throwsValidation(
    () => kc('id = :id AND attribute_exists(ts)', { ':id': { S: 'u1' } }),
    'Invalid operator used in KeyConditionExpression: attribute_exists',
  );
  throwsValidation(
    () => kc('id = :id AND contains(ts, :a)', { ':id': { S: 'u1' }, ':a': { N: '1' } }),
    'Invalid operator used in KeyConditionExpression: contains',
  );
  throwsValidation(
    () => kc('id = :id AND size(ts) > :a', { ':id': { S: 'u1' }, ':a': { N: '1' } }),
    'KeyConditionExpressions cannot contain nested operations',
  );
  throwsValidation(
    () => kc('id = :id AND :a BETWEEN ts AND :b', { ':id': { S: 'u1' }, ':a': { N: '1' }, ':b': { N: '5' } }),
    'Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand',
  );
  throwsValidation(
    () => kc('id = :id AND begins_with(:s, ts)', { ':id': { S: 'u1' }, ':s': { S: 'x' } }),
    'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand',
  );
  throwsValidation(
    () => kc('id = ts', undefined),
    'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition',
  );
  throwsValidation(
    () => kc(':id = :a', { ':id': { S: 'u1' }, ':a': { N: '1' } }),
    'Invalid condition in KeyConditionExpression: No key attribute specified',
  );
  throwsValidation(
    () => kc('id.x = :id', { ':id': { S: 'u1' } }),
    'KeyConditionExpressions cannot have conditions on nested attributes',
  );
  throwsValidation(
    () => kc('id = :id AND id = :id', { ':id': { S: 'u1' } }),
    'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
  );
});

test('schema errors', () => {
  throwsValidation(() => kc('ts = :a', { ':a': { N: '1' } }), 'Query condition missed key schema element: id');
  throwsValidation(
    () => kc('id = :id AND attr1 = :a', { ':id': { S: 'u1' }, ':a': { N: '1' } }),
    'Query condition missed key schema element: ts',
  );
  throwsValidation(() => kc('id > :id', { ':id': { S: 'u1' } }), 'Query key condition not supported');
  throwsValidation(
    () => kc('id = :id AND attr1 = :a', { ':id': { S: 'u1' }, ':a': { N: '1' } }, undefined, hashOnly),
    // More conditions than key attributes: paritysuite queryKeyConditionOperands.test.ts (eu-west-2, 2026-10).
    'The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)',
  );
  throwsValidation(() => kc('begins_with(id, :id)', { ':id': { S: 'u1' } }), 'Query key condition not supported');
  throwsValidation(
    () => kc('id = :a', { ':a': { N: '1' } }),
    'One or more parameter values were invalid: Condition parameter type does not match schema type',
  );
  throwsValidation(
    () => kc('id = :id AND ts = :s', { ':id': { S: 'u1' }, ':s': { S: 'x' } }),
    'One or more parameter values were invalid: Condition parameter type does not match schema type',
  );
  throwsValidation(
    () => kc('id = :id AND begins_with(ts, :a)', { ':id': { S: 'u1' }, ':a': { N: '1' } }),
    'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
  );
});

test('condition checks apply too (reserved words, placeholders)', () => {
  throwsValidation(
    () => parseKeyCondition('name = :id', scope({ ':id': { S: 'x' } }), hashOnly, defs),
    'Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: name',
  );
  throwsValidation(
    () => kc('id = :nope', { ':id': { S: 'x' } }),
    'Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope',
  );
});

test.run();
