// DynamoDB validates the whole request before it looks at any table: a malformed request to a table that does
// not exist answers ValidationException, not ResourceNotFoundException. Each case names the recorded evidence
// it follows (tests run against DynamoDB itself); raw HTTP, so the exact status and __type are checked too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'hash',
    KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }],
  });
  await createTable(s.client, {
    TableName: 'range',
    KeySchema: [
      { AttributeName: 'a', KeyType: 'HASH' },
      { AttributeName: 'b', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'a', AttributeType: 'S' },
      { AttributeName: 'b', AttributeType: 'N' },
    ],
  });
});
test.after(async () => {
  await s?.close();
});

const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const NOT_FOUND = 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException';
const MIXED = 'Can not use both expression and non-expression parameters in the same request: ';
const v = { ':v': { S: 'x' } };

async function expectError(target: string, body: unknown, type: string, message: string) {
  const r = await s.raw(target, body);
  assert.is(r.status, 400, `${target} ${JSON.stringify(body)}`);
  assert.equal(r.body, { __type: type, message }, `${target} ${JSON.stringify(body)}`);
}

// [evidence, target, request without TableName, message]: sent to a missing table, the message is the same.
const BEFORE_THE_TABLE: [string, string, Record<string, unknown>, string][] = [
  // ExtendDB tests/test_validation_precedence.py (captured from DynamoDB, us-east-1)
  [
    'precedence: BatchGetItem duplicates',
    'BatchGetItem',
    { keys: [{ a: { S: 'k' } }, { a: { S: 'k' } }] },
    'Provided list of item keys contains duplicates',
  ],
  // dynalite test/query.js (recorded against DynamoDB): the key condition's shape is checked before the table
  [
    'query.js: OR in a key condition',
    'Query',
    { KeyConditionExpression: 'a = :v OR a = :v', ExpressionAttributeValues: v },
    'Invalid operator used in KeyConditionExpression: OR',
  ],
  [
    'query.js: nested attribute',
    'Query',
    { KeyConditionExpression: 'a.b = :v', ExpressionAttributeValues: v },
    'KeyConditionExpressions cannot have conditions on nested attributes',
  ],
  [
    'query.js: two conditions on one key',
    'Query',
    { KeyConditionExpression: 'a = :v AND a = :v', ExpressionAttributeValues: v },
    // Newer: paritysuite tests/tier3/error-messages/queryKeyConditionOperands.test.ts (eu-west-2, 2026-10).
    'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
  ],
  [
    'query.js: undefined value',
    'Query',
    { KeyConditionExpression: 'a = :v' },
    'Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v',
  ],
  [
    'query.js: unused value',
    'Query',
    { KeyConditionExpression: 'a = :v', ExpressionAttributeValues: { ...v, ':w': { S: 'y' } } },
    'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}',
  ],
  [
    'query.js: KeyConditions arity',
    'Query',
    { KeyConditions: { a: { ComparisonOperator: 'EQ' } } },
    'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator',
  ],
  [
    'query.js: too many KeyConditions',
    'Query',
    {
      KeyConditions: {
        a: { ComparisonOperator: 'NULL' },
        b: { ComparisonOperator: 'NULL' },
        c: { ComparisonOperator: 'NULL' },
      },
    },
    'Conditions can be of length 1 or 2 only',
  ],
  // paritysuite dynamodb-conformance tests/tier3/validation-ordering/queryKeyCondition.test.ts (eu-west-2, 2026)
  [
    'queryKeyCondition: operand type before the table',
    'Query',
    {
      KeyConditionExpression: 'a = :p AND begins_with(b, :n)',
      ExpressionAttributeValues: { ':p': { S: 'q' }, ':n': { N: '1' } },
    },
    'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
  ],
  // ExtendDB tests/test_conditional_operator.py (dual-target against DynamoDB)
  [
    'conditional_operator: Scan without a filter',
    'Scan',
    { ConditionalOperator: 'AND' },
    'ConditionalOperator cannot be used without Filter or Expected',
  ],
  [
    'conditional_operator: Query, before the missing key condition',
    'Query',
    { ConditionalOperator: 'AND' },
    'ConditionalOperator cannot be used without Filter or Expected',
  ],
  [
    'conditional_operator: one Expected condition',
    'PutItem',
    {
      Item: { a: { S: 'k' } },
      ConditionalOperator: 'AND',
      Expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } },
    },
    'ConditionalOperator can only be used when Filter or Expected has two or more elements',
  ],
  [
    'conditional_operator: full sets, Query',
    'Query',
    {
      KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } },
      QueryFilter: { c: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } },
      ConditionalOperator: 'AND',
      KeyConditionExpression: 'a = :p',
      FilterExpression: 'c = :v',
      ProjectionExpression: 'd',
      ExpressionAttributeValues: { ':p': { S: 'k' }, ...v },
    },
    `${MIXED}Non-expression parameters: {QueryFilter, ConditionalOperator, KeyConditions} Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}`,
  ],
  [
    'conditional_operator: full sets, UpdateItem',
    'UpdateItem',
    {
      Key: { a: { S: 'k' } },
      AttributeUpdates: { c: { Value: { S: 'v' }, Action: 'PUT' } },
      Expected: { c: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } },
      ConditionalOperator: 'AND',
      UpdateExpression: 'SET c = :v',
      ConditionExpression: 'attribute_exists(a)',
      ExpressionAttributeValues: v,
    },
    `${MIXED}Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} Expression parameters: {UpdateExpression, ConditionExpression}`,
  ],
  [
    'conditional_operator: ScanFilter with ProjectionExpression',
    'Scan',
    { ScanFilter: { c: { ComparisonOperator: 'NULL' } }, ProjectionExpression: 'd' },
    `${MIXED}Non-expression parameters: {ScanFilter} Expression parameters: {ProjectionExpression}`,
  ],
  // paritysuite tests/tier3/error-messages/putItem.test.ts and deleteItem.test.ts (eu-west-2, us-east-1,
  // 2026-10-09): the single-item writes say it inside the validation envelope, without naming expressions.
  [
    'error-messages/putItem: values without an expression',
    'PutItem',
    { Item: { a: { S: 'k' } }, ExpressionAttributeValues: v },
    '1 validation error detected: ExpressionAttributeValues can only be specified when using expressions',
  ],
  [
    'error-messages/deleteItem: ("as PutItem and UpdateItem do")',
    'UpdateItem',
    { Key: { a: { S: 'k' } }, ExpressionAttributeValues: v },
    '1 validation error detected: ExpressionAttributeValues can only be specified when using expressions',
  ],
  [
    'error-messages/deleteItem: empty ConditionExpression',
    'DeleteItem',
    { Key: { a: { S: 'k' } }, ConditionExpression: '' },
    '1 validation error detected: Invalid ConditionExpression: The expression can not be empty;',
  ],
  [
    'error-messages/deleteItem: ReturnValues',
    'DeleteItem',
    { Key: { a: { S: 'k' } }, ReturnValues: 'ALL_NEW' },
    '1 validation error detected: ReturnValues can only be ALL_OLD or NONE',
  ],
  // dynalite test/query.js (older recording; Query and Scan keep this form): the expressions missing are named
  [
    'query.js: values without an expression',
    'Query',
    { KeyConditions: { a: { ComparisonOperator: 'NULL' } }, ExpressionAttributeValues: v },
    'ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null',
  ],
  // dynalite validations/updateItem.js and its update grammar (FunctionArgumentList → OperandParens)
  [
    'updateItem.js: ADD of a string',
    'UpdateItem',
    { Key: { a: { S: 'k' } }, AttributeUpdates: { c: { Action: 'ADD', Value: { S: 'x' } } } },
    'One or more parameter values were invalid: ADD action is not supported for the type S',
  ],
  [
    'update grammar: arithmetic inside a function argument',
    'UpdateItem',
    {
      Key: { a: { S: 'k' } },
      UpdateExpression: 'SET c = list_append(c, :l + :l)',
      ExpressionAttributeValues: { ':l': { L: [] } },
    },
    'Invalid UpdateExpression: Syntax error; token: "+", near: ":l + :l"',
  ],
  // dynalite validations (test/putItem.js): Expected's own rules; the envelope from paritysuite
  // tests/tier3/error-messages/deleteItem.test.ts "every malformed Expected condition" (2026-10-09)
  [
    'putItem.js: Value and AttributeValueList',
    'PutItem',
    { Item: { a: { S: 'k' } }, Expected: { c: { Value: { S: 'x' }, AttributeValueList: [{ S: 'x' }] } } },
    '1 validation error detected: One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: c',
  ],
  [
    'putItem.js: ComparisonOperator without operands',
    'PutItem',
    { Item: { a: { S: 'k' } }, Expected: { c: { ComparisonOperator: 'EQ' } } },
    '1 validation error detected: One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: c',
  ],
  [
    'putItem.js: Exists with ComparisonOperator',
    'PutItem',
    { Item: { a: { S: 'k' } }, Expected: { c: { ComparisonOperator: 'NULL', Exists: true } } },
    '1 validation error detected: One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: c',
  ],
  [
    'putItem.js: neither Value nor Exists',
    'PutItem',
    { Item: { a: { S: 'k' } }, Expected: { c: {} } },
    '1 validation error detected: One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: c',
  ],
  [
    'putItem.js: BETWEEN bounds reversed',
    'PutItem',
    {
      Item: { a: { S: 'k' } },
      Expected: { c: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '5' }, { N: '1' }] } },
    },
    'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound',
  ],
  // dynalite test/scan.js: operand types of a legacy filter
  [
    'scan.js: CONTAINS with a set operand',
    'Scan',
    { ScanFilter: { c: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ SS: ['x'] }] } } },
    'One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for SS AttributeValue type',
  ],
  [
    'scan.js: operands of two types',
    'Scan',
    { ScanFilter: { c: { ComparisonOperator: 'IN', AttributeValueList: [{ S: 'x' }, { N: '1' }] } } },
    'One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type',
  ],
];

test('malformed requests answer ValidationException whether the table exists or not', async () => {
  for (const [, target, request, message] of BEFORE_THE_TABLE) {
    for (const table of ['hash', 'missing-table']) {
      const body =
        target === 'BatchGetItem'
          ? { RequestItems: { [table]: { Keys: request.keys } } }
          : { TableName: table, ...request };
      await expectError(target, body, VALIDATION, message);
    }
  }
});

test('checks that need the table come after it: ResourceNotFoundException first', async () => {
  // ExtendDB tests/test_validation_precedence.py: the item size limit is checked once the table is known.
  const big = { a: { S: 'k' }, b: { S: 'x'.repeat(400001) } };
  await expectError('PutItem', { TableName: 'missing-table', Item: big }, NOT_FOUND, 'Requested resource not found');
  // Key types need the key schema.
  await expectError(
    'GetItem',
    { TableName: 'missing-table', Key: { a: { N: '1' } } },
    NOT_FOUND,
    'Requested resource not found',
  );
});

test('accepted combinations: KeyConditions with FilterExpression or ProjectionExpression', async () => {
  // ExtendDB tests/test_conditional_operator.py TestAcceptedCombinations (dual-target against DynamoDB).
  const withFilter = await s.raw('Query', {
    TableName: 'hash',
    KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } },
    FilterExpression: 'c = :v',
    ExpressionAttributeValues: v,
  });
  assert.is(withFilter.status, 200, JSON.stringify(withFilter.body));
  const withProjection = await s.raw('Query', {
    TableName: 'hash',
    KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } },
    ProjectionExpression: 'c',
  });
  assert.is(withProjection.status, 200, JSON.stringify(withProjection.body));
  // dynalite validations: Expected's Value stands for a one-element AttributeValueList.
  const valueWithOperator = await s.raw('PutItem', {
    TableName: 'hash',
    Item: { a: { S: 'k' }, c: { S: 'x' } },
    Expected: { c: { ComparisonOperator: 'NULL' } },
  });
  assert.is(valueWithOperator.status, 200, JSON.stringify(valueWithOperator.body));
  const eqValue = await s.raw('PutItem', {
    TableName: 'hash',
    Item: { a: { S: 'k' }, c: { S: 'y' } },
    Expected: { c: { ComparisonOperator: 'EQ', Value: { S: 'x' } } },
  });
  assert.is(eqValue.status, 200, JSON.stringify(eqValue.body));
});

test('Query filters may not name the key attributes queried (SDK v3)', async () => {
  // dynalite test/query.js; the same words are quoted from DynamoDB in user reports.
  await rejects(
    s.client.send(
      new QueryCommand({
        TableName: 'range',
        KeyConditionExpression: 'a = :v',
        FilterExpression: 'b > :n',
        ExpressionAttributeValues: { ...v, ':n': { N: '1' } },
      }),
    ),
    'ValidationException',
    'Filter Expression can only contain non-primary key attributes: Primary key attribute: b',
  );
  await rejects(
    s.client.send(
      new QueryCommand({
        TableName: 'range',
        KeyConditions: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } },
        QueryFilter: { a: { ComparisonOperator: 'NOT_NULL' } },
      }),
    ),
    'ValidationException',
    'QueryFilter can only contain non-primary key attributes: Primary key attribute: a',
  );
});

test('ExclusiveStartKey: shape, partition and range predicate (SDK v3)', async () => {
  const q = (extra: Record<string, unknown>) =>
    s.client.send(
      new QueryCommand({
        TableName: 'range',
        KeyConditionExpression: 'a = :v AND b > :n',
        ExpressionAttributeValues: { ...v, ':n': { N: '5' } },
        ...extra,
      }),
    );
  // dynalite test/query.js: a start key of the wrong shape is bare "invalid" for Query.
  await rejects(
    q({ ExclusiveStartKey: { a: { S: 'x' } } }),
    'ValidationException',
    'The provided starting key is invalid',
  );
  await rejects(
    q({ ExclusiveStartKey: { a: { S: 'y' }, b: { N: '9' } } }),
    'ValidationException',
    'The provided starting key is outside query boundaries based on provided conditions',
  );
  await rejects(
    q({ ExclusiveStartKey: { a: { S: 'x' }, b: { N: '1' } } }),
    'ValidationException',
    'The provided starting key does not match the range key predicate',
  );
  const inside = await q({ ExclusiveStartKey: { a: { S: 'x' }, b: { N: '9' } } });
  assert.is(inside.Count, 0);
  // dynalite actions/scan.js (from test/scan.js): Scan names the schema mismatch of the table's key.
  await rejects(
    s.client.send(new ScanCommand({ TableName: 'range', ExclusiveStartKey: { a: { S: 'x' } } })),
    'ValidationException',
    'The provided starting key is invalid: The provided key element does not match the schema',
  );
});

test('TransactWriteItems: member constraints, then expressions of every action, then tables', async () => {
  // paritysuite dynamodb-conformance tests/tier3/validation-ordering/transactions.test.ts (us-east-1, eu-west-2,
  // 2026-10-09).
  const key = (pk: string) => ({ a: { S: pk } });
  const token = 'x'.repeat(37);
  await expectError(
    'TransactWriteItems',
    {
      TransactItems: [{ Put: { TableName: 'hash', Item: key('t') } }],
      ClientRequestToken: token,
      ReturnConsumedCapacity: 'BOGUS',
    },
    VALIDATION,
    `2 validation errors detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36; Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]`,
  );
  const malformed = {
    ConditionCheck: { TableName: 'hash', Key: key('c'), ConditionExpression: 'attribute_not_exists(' },
  };
  await expectError(
    'TransactWriteItems',
    { TransactItems: [{ Put: { TableName: 'missing-table', Item: key('a') } }, malformed] },
    VALIDATION,
    'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("',
  );
  const unused = {
    ConditionCheck: {
      TableName: 'hash',
      Key: key('c'),
      ConditionExpression: 'attribute_not_exists(a)',
      ExpressionAttributeValues: v,
    },
  };
  for (const TransactItems of [
    [{ Put: { TableName: 'missing-table', Item: key('a') } }, unused],
    [unused, { Put: { TableName: 'missing-table', Item: key('a') } }],
    [{ Put: { TableName: 'hash', Item: key('c') } }, unused],
  ]) {
    await expectError(
      'TransactWriteItems',
      { TransactItems },
      VALIDATION,
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}',
    );
  }
});

test.run();
