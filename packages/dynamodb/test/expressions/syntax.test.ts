import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createScope,
  parseCondition,
  parseProjection,
  parseUpdate,
  parseKeyCondition,
} from '../../src/expressions/index.js';
import { RESERVED_WORDS } from '../../src/expressions/reserved-words.js';
import { throwsValidation, scope } from './helpers.js';
import type { AttributeValue } from '../../src/model/index.js';
import { ValueFault } from '../../src/model/index.js';

const C = (expr: string, s = scope()) => parseCondition(expr, s, 'ConditionExpression');
const F = (expr: string, s = scope()) => parseCondition(expr, s, 'FilterExpression');

test('syntax errors name the token and the text around it, as DynamoDB does', () => {
  throwsValidation(() => C('a = '), 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "');
  throwsValidation(() => C('a-b'), 'Invalid ConditionExpression: Syntax error; token: "-", near: "a-b"');
  throwsValidation(() => F('a-b'), 'Invalid FilterExpression: Syntax error; token: "-", near: "a-b"');
  throwsValidation(
    () => C('attribute_exists(car_id) AND NOT #h', scope(undefined, { '#h': 'h' })),
    'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "#h"',
  );
  throwsValidation(
    () => C('tenantAgent:abc123-'),
    'Invalid ConditionExpression: Syntax error; token: ":abc123", near: "tenantAgent:abc123-"',
  );
  throwsValidation(() => C('a = :v :w'), 'Invalid ConditionExpression: Syntax error; token: ":w", near: ":v :w"');
  throwsValidation(() => C('a BETWEEN :a'), 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":a"');
  throwsValidation(() => C('a IN ()'), 'Invalid ConditionExpression: Syntax error; token: ")", near: "()"');
  throwsValidation(() => C('attribute_type()'), 'Invalid ConditionExpression: Syntax error; token: ")", near: "()"');
  throwsValidation(() => C('a = :v AND'), 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"');
  throwsValidation(
    () => C('a == :v'),
    'Invalid ConditionExpression: Syntax error; token: "=", near: "==:v"'.replace('==:v', '== :v'),
  );
  throwsValidation(() => C('a.1 = :v'), 'Invalid ConditionExpression: Syntax error; token: "1", near: ".1 ="');
  throwsValidation(() => C('a = :v é'), 'Invalid ConditionExpression: Syntax error; token: "é", near: ":v é"');
  throwsValidation(() => C('(a = :v'), 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ":v"');
  throwsValidation(
    () => parseUpdate('ADD hits : incr', scope({ ':incr': { N: '1' } })),
    'Invalid UpdateExpression: Syntax error; token: ":", near: "hits : incr"',
  );
  throwsValidation(
    () => parseUpdate('SET', scope()),
    'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"',
  );
  throwsValidation(
    () => parseUpdate('SET a = ', scope()),
    'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "= "',
  );
  throwsValidation(
    () => parseUpdate('INVALID SYNTAX HERE', scope()),
    'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"',
  );
  throwsValidation(
    () => parseUpdate('SET a = :x + :y + :z', scope()),
    'Invalid UpdateExpression: Syntax error; token: "+", near: ":y + :z"',
  );
  throwsValidation(
    () => parseUpdate('SET a = :x,', scope()),
    'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","',
  );
  throwsValidation(
    () => parseUpdate('ADD a b', scope()),
    'Invalid UpdateExpression: Syntax error; token: "b", near: "a b"',
  );
  throwsValidation(
    () => parseProjection('l[a]', scope()),
    'Invalid ProjectionExpression: Syntax error; token: "a", near: "[a]"',
  );
  throwsValidation(
    () => parseProjection('!!', scope()),
    'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"',
  );
  for (const bad of ['whatever(stuff)', ':a', 'a,', 'a,,b', 'a..b', '(a.b).c', '(a)', 'a-b', 'a[-1]']) {
    assert.throws(() => parseProjection(bad, scope()), /^Invalid ProjectionExpression: Syntax error; /, bad);
  }
  throwsValidation(
    () => parseKeyCondition('()', scope()),
    'Invalid KeyConditionExpression: Syntax error; token: ")", near: "()"',
  );
});

test('empty and oversized expressions', () => {
  throwsValidation(() => C(''), 'Invalid ConditionExpression: The expression can not be empty;');
  throwsValidation(
    () => parseProjection('', scope()),
    'Invalid ProjectionExpression: The expression can not be empty;',
  );
  throwsValidation(() => parseUpdate('', scope()), 'Invalid UpdateExpression: The expression can not be empty;');
  const long = 'a = :v OR '.repeat(409) + 'b = :vv';
  assert.is(Buffer.byteLength(long), 4097);
  throwsValidation(
    () => C(long, scope({ ':v': { S: 'x' }, ':vv': { S: 'y' } })),
    'Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
  );
  // Exactly 4096 bytes is fine (padded with spaces as ScyllaDB's test_limit_expression_len does: 819 operators
  // would pass DynamoDB's 300-operator cap).
  const ok = 'a' + ' '.repeat(4090) + ' = :v';
  assert.is(Buffer.byteLength(ok), 4096);
  C(ok, scope({ ':v': { S: 'x' } }));
});

test('reserved words (the full list), case-insensitive, only unescaped names', () => {
  assert.is(RESERVED_WORDS.size, 573);
  throwsValidation(
    () => C('size = :v', scope({ ':v': { S: 'x' } })),
    'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size',
  );
  throwsValidation(
    () => parseProjection('a.abORt', scope()),
    'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: abORt',
  );
  throwsValidation(
    () => parseUpdate(' remove Absolute ', scope()),
    'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute',
  );
  throwsValidation(
    () => parseUpdate('set #c = :c set abOrt = :c', scope({ ':c': { S: 'x' } }, { '#c': 'c' })),
    'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abOrt',
  );
  for (const w of ['Year', 'status', 'NAME', 'data', 'ttl', 'user', 'comment']) {
    throwsValidation(
      () => F(`${w} = :v`, scope({ ':v': { S: 'x' } })),
      `Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: ${w}`,
    );
  }
  // Through a placeholder it is fine; function names are not attribute names.
  assert.ok(
    C('#s = :v AND size(a) > :n', scope({ ':v': { S: 'x' }, ':n': { N: '1' } }, { '#s': 'status' })).evaluate({
      status: { S: 'x' },
      a: { S: 'ab' },
    }),
  );
});

test('undefined names and values', () => {
  throwsValidation(
    () => parseProjection('a,b,a,#a', scope()),
    'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #a',
  );
  throwsValidation(
    () => C('#x = :v', scope({ ':v': { S: 'x' } })),
    'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x',
  );
  throwsValidation(
    () => C('a = :x', scope({ ':v': { S: 'x' } })),
    'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x',
  );
  throwsValidation(
    () => parseUpdate('SET #c = if_not_exists(:c)', scope(undefined, { '#a': 'a' })),
    'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #c',
  );
  throwsValidation(
    () => parseUpdate('SET a = :b', scope({ ':a': { S: 'x' } })),
    'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :b',
  );
  // Each elementary condition settles its own error first, left to right.
  throwsValidation(
    () => C('contains(b, b) AND a = :x', scope({ ':v': { S: 'x' } })),
    'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [b]',
  );
  throwsValidation(
    () => C('a = :x AND contains(b, b)', scope({ ':v': { S: 'x' } })),
    'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x',
  );
  // Precedence: a reserved word is reported before an undefined placeholder, wherever it sits.
  throwsValidation(
    () => C('#x = :v AND size = :v', scope({ ':v': { S: 'x' } })),
    'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size',
  );
});

test('unused names and values, reported across all expressions of a request', () => {
  const s1 = createScope({ '#a': 'a', '#b': 'b' }, undefined);
  parseProjection('a', s1);
  throwsValidation(
    () => s1.assertAllUsed(),
    'Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}',
  );
  const s2 = createScope({ '#a': 'a' }, { ':a': { S: 'x' }, ':b': { S: 'y' }, ':c': { S: 'z' } });
  parseCondition('#a = :a', s2, 'ConditionExpression');
  parseUpdate('SET b = :c', s2);
  throwsValidation(
    () => s2.assertAllUsed(),
    'Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}',
  );
  const s3 = createScope({ '#a': 'a' }, { ':a': { S: 'x' } });
  parseCondition('#a = :a', s3, 'FilterExpression');
  s3.assertAllUsed();
  createScope(undefined, undefined).assertAllUsed();
});

test('createScope validates the maps like DynamoDB', () => {
  throwsValidation(() => createScope({}, undefined), 'ExpressionAttributeNames must not be empty');
  throwsValidation(() => createScope(undefined, {}), 'ExpressionAttributeValues must not be empty');
  throwsValidation(
    () => createScope({ a: 'a' }, undefined),
    'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"',
  );
  throwsValidation(
    () => createScope(undefined, { a: { S: 'x' } }),
    'ExpressionAttributeValues contains invalid key: Syntax error; key: "a"',
  );
  throwsValidation(
    () => createScope(undefined, { ':b': { SS: [] } }),
    'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :b',
  );
  // A number fault is wrapped only in the older value layer (model/value-faults.ts).
  let fault: unknown;
  try {
    createScope(undefined, { ':b': { N: 'x' } });
  } catch (e) {
    fault = e;
  }
  assert.instance(fault, ValueFault);
  assert.is((fault as ValueFault).current, 'The parameter cannot be converted to a numeric value: x');
  assert.is(
    (fault as ValueFault).older,
    'ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :b',
  );
  // Values are normalised.
  assert.equal(createScope(undefined, { ':n': { N: '1.50' } }).values, { ':n': { N: '1.5' } });
});

test('functions: names, arity, misuse, operand types', () => {
  const v = { ':s': { S: 'x' }, ':n': { N: '1' }, ':t': { S: 'X' } };
  throwsValidation(
    () => C('Begins_With(a, :s)', scope(v)),
    'Invalid ConditionExpression: Invalid function name; function: Begins_With',
  );
  throwsValidation(
    () => C('if_not_exists(a, :s)', scope(v)),
    'Invalid ConditionExpression: Invalid function name; function: if_not_exists',
  );
  throwsValidation(
    () => C('begins_with(a)', scope()),
    'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1',
  );
  throwsValidation(
    () => C('begins_with(a, :n)', scope({ ':n': { N: '1' } })),
    'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
  );
  throwsValidation(
    () => C('attribute_exists(:s)', scope({ ':s': { S: 'x' } })),
    'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists',
  );
  throwsValidation(
    () => C('attribute_type(a, :n)', scope({ ':n': { N: '1' } })),
    'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N',
  );
  throwsValidation(
    () => C('attribute_type(a, :t)', scope({ ':t': { S: 'X' } })),
    'Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}',
  );
  throwsValidation(
    () => C('size(a) > size(:n)', scope({ ':n': { N: '1' } })),
    'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N',
  );
  throwsValidation(
    () => C('size(a)', scope()),
    'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size',
  );
  throwsValidation(
    () => C('begins_with(a, :s) = :s', scope({ ':s': { S: 'x' } })),
    'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: begins_with',
  );
  throwsValidation(
    () => C('contains(a, a)', scope()),
    'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]',
  );
  throwsValidation(
    () => C('a.b = a.b', scope()),
    'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b]',
  );
  throwsValidation(
    () => C('((a = :s))', scope({ ':s': { S: 'x' } })),
    'Invalid ConditionExpression: The expression has redundant parentheses;',
  );
  throwsValidation(
    () => C('a BETWEEN :n AND :s', scope({ ':s': { S: 'x' }, ':n': { N: '1' } })),
    'Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}',
  );
  throwsValidation(
    () => C('a BETWEEN :b AND :a', scope({ ':a': { N: '1' }, ':b': { N: '2' } })),
    'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}',
  );
  const unordered: [string, AttributeValue, string][] = [
    ['<', { BOOL: true }, 'BOOL'],
    ['>=', { NULL: true }, 'NULL'],
    ['>', { L: [] }, 'L'],
    ['<=', { SS: ['a'] }, 'SS'],
  ];
  for (const [op, v, t] of unordered) {
    throwsValidation(
      () => C(`a ${op} :v`, scope({ ':v': v })),
      `Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${t}`,
    );
  }
  throwsValidation(
    () => C('a BETWEEN :a AND :b', scope({ ':a': { BOOL: false }, ':b': { BOOL: true } })),
    'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL',
  );
  // Equality is defined for every type.
  C('a = :v AND a <> :w', scope({ ':v': { BOOL: true }, ':w': { M: {} } }));
  const many: Record<string, { N: string }> = {};
  for (let i = 0; i <= 100; i++) many[`:v${i}`] = { N: String(i) };
  throwsValidation(
    () => C(`a IN (${Object.keys(many).join(', ')})`, scope(many)),
    'Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101',
  );
  const hundred = Object.keys(many).slice(0, 100);
  assert.ok(
    C(`a IN (${hundred.join(',')})`, scope(Object.fromEntries(hundred.map((k) => [k, many[k]!])))).evaluate({
      a: { N: '99' },
    }),
  );
});

test.run();
