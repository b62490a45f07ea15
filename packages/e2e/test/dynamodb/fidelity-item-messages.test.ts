// UpdateItem, BatchGetItem and transaction messages, word for word, beside the recorded evidence they follow (paritysuite
// dynamodb-conformance tests/tier3, captured against DynamoDB). Raw HTTP checks status and __type; the SDK v3
// cases check what clients see of a cancelled transaction.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TransactGetItemsCommand, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  for (const [TableName, type] of [
    ['hash', 'S'],
    ['hashB', 'B'],
  ] as const) {
    await createTable(s.client, {
      TableName,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: type }],
    });
  }
  await createTable(s.client, {
    TableName: 'compN',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
  });
  await createTable(s.client, {
    TableName: 'comp',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
  });
});
test.after(async () => {
  await s?.close();
});

const VALIDATION = 'com.amazon.coral.validate#ValidationException';
const S = (v: string) => ({ S: v });
const key = { pk: S('k') };

async function expectValidation(target: string, body: unknown, message: string) {
  const r = await s.raw(target, body);
  assert.is(r.status, 400, `${target} ${JSON.stringify(body).slice(0, 200)}`);
  assert.equal(r.body, { __type: VALIDATION, message });
}

test('UpdateItem: exact messages', async () => {
  // paritysuite tests/tier3/error-messages/updateItem.test.ts (four regions 2026-06, eu-west-2 and us-east-1
  // 2026-10-09). The cases it pins as substrings are checked whole here, in our (bare) wording.
  const update = (input: object) =>
    expectValidation.bind(null, 'UpdateItem', { TableName: 'hash', Key: key, ...input });
  await update({ UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': S('n') } })(
    'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key',
  );
  await update({ UpdateExpression: 'SET attr1 = :v', ExpressionAttributeValues: { ':v': S('v'), ':unused': S('e') } })(
    'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}',
  );
  await update({ UpdateExpression: 'SET attr1 = :v' })(
    'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v',
  );
  // The condition's undefined value comes inside the validation envelope.
  await update({
    UpdateExpression: 'SET b = :w',
    ConditionExpression: 'a = :v',
    ExpressionAttributeValues: { ':w': S('x') },
  })(
    '1 validation error detected: Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v',
  );
  await expectValidation(
    'UpdateItem',
    {
      TableName: 'comp',
      Key: { pk: S('a'), sk: S('b') },
      UpdateExpression: 'SET sk = :v',
      ExpressionAttributeValues: { ':v': S('n') },
    },
    'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key',
  );
  await expectValidation(
    'UpdateItem',
    {
      TableName: 'hashB',
      Key: { pk: { B: '' } },
      UpdateExpression: 'SET a = :v',
      ExpressionAttributeValues: { ':v': S('x') },
    },
    'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: pk',
  );
});

test('UpdateItem: member errors beside a missing Key, in member order', async () => {
  // paritysuite tests/tier3/validation-ordering/updateItem.test.ts (eu-west-2, us-east-1, 2026-10-09):
  // ReturnConsumedCapacity, tableName, ReturnValues, conditionalOperator, key.
  const update = { UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': S('x') } };
  const EMPTY_NAME =
    "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1";
  const NO_KEY = "Value null at 'key' failed to satisfy constraint: Member must not be null";
  await expectValidation(
    'UpdateItem',
    { TableName: '', ...update },
    `2 validation errors detected: ${EMPTY_NAME}; ${NO_KEY}`,
  );
  await expectValidation(
    'UpdateItem',
    { TableName: '', ...update, ReturnConsumedCapacity: 'INVALID', ReturnValues: 'INVALID' },
    '4 validation errors detected: ' +
      "Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; " +
      `${EMPTY_NAME}; ` +
      "Value 'INVALID' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; " +
      NO_KEY,
  );
  await expectValidation(
    'UpdateItem',
    {
      TableName: 'absent_table',
      AttributeUpdates: { x: { Action: 'PUT', Value: S('1') } },
      Expected: { a: { Exists: false }, b: { Exists: false } },
      ConditionalOperator: 'XOR',
    },
    "2 validation errors detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]; " +
      NO_KEY,
  );
});

test('TransactWriteItems: a mistyped table key cancels with a ValidationError reason', async () => {
  // paritysuite tests/tier3/error-messages/transactWriteItems.test.ts (eu-west-2 and four regions, 2026-06-23):
  // a Put's wrong-typed or non-scalar key in PutItem's words, a Key's in the schema-mismatch words; an empty key
  // value is a top-level ValidationException.
  const send = (item: object) =>
    s.client.send(new TransactWriteItemsCommand({ TransactItems: [item as TransactWriteItem] }));
  const cancelled = async (item: object, reason: string) => {
    const error = await rejects(
      send(item),
      'TransactionCanceledException',
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]',
    );
    assert.equal(error.CancellationReasons, [{ Code: 'ValidationError', Message: reason }]);
  };
  await cancelled(
    { Put: { TableName: 'hash', Item: { pk: { N: '5' } } } },
    'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N',
  );
  await cancelled(
    { Put: { TableName: 'hash', Item: { pk: { L: [S('x')] } } } },
    'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: L',
  );
  const MISMATCH = 'The provided key element does not match the schema';
  const EMPTY =
    'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk';
  const actions = (pk: object, TableName = 'hash') => [
    { Update: { TableName, Key: { pk }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': S('x') } } },
    { Delete: { TableName, Key: { pk } } },
    { ConditionCheck: { TableName, Key: { pk }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  for (const action of [...actions({ N: '5' }), ...actions({ L: [S('x')] })]) await cancelled(action, MISMATCH);
  for (const action of [...actions(S('')), { Put: { TableName: 'hash', Item: { pk: S('') } } }])
    await rejects(send(action), 'ValidationException', EMPTY);
  for (const action of [
    ...actions({ B: new Uint8Array() }, 'hashB'),
    { Put: { TableName: 'hashB', Item: { pk: { B: new Uint8Array() } } } },
  ])
    await rejects(send(action), 'ValidationException', EMPTY.replace('string', 'binary'));
  // Positional: the survivor's reason is None, and nothing is written.
  const error = await rejects(
    s.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'hash', Item: { pk: S('fresh') } } },
          { Delete: { TableName: 'hash', Key: { pk: { N: '1' } } } },
        ],
      }),
    ),
    'TransactionCanceledException',
  );
  assert.equal(error.CancellationReasons, [{ Code: 'None' }, { Code: 'ValidationError', Message: MISMATCH }]);
  const got = await s.raw('GetItem', { TableName: 'hash', Key: { pk: S('fresh') } });
  assert.equal(got.body, {});
});

test('TransactGetItems: a Key that misses the schema cancels with a ValidationError reason', async () => {
  // paritysuite tests/tier3/error-messages/transactGetItems.test.ts (2026-10): an empty Key is reported through the
  // cancellation channel; the reason's message is not recorded there, ours is the schema-mismatch text. The other
  // Get's reason is None. A syntax error in a projection stays a request-level ValidationException.
  const error = await rejects(
    s.client.send(
      new TransactGetItemsCommand({
        TransactItems: [{ Get: { TableName: 'hash', Key: key } }, { Get: { TableName: 'hash', Key: {} } }],
      }),
    ),
    'TransactionCanceledException',
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]',
  );
  assert.equal(error.CancellationReasons, [
    { Code: 'None' },
    { Code: 'ValidationError', Message: 'The provided key element does not match the schema' },
  ]);
  await expectValidation(
    'TransactGetItems',
    { TransactItems: [{ Get: { TableName: 'hash', Key: key, ProjectionExpression: '!!!' } }] },
    'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"',
  );
});

test('BatchGetItem: length limits in the newer framework words, the rest as before', async () => {
  // paritysuite tests/tier3/error-messages/batchGetItem.test.ts: eu-west-2 moved to the generic constraint message
  // between the 2026-08-08 and 2026-08-15 sweeps, every region but one by 2026-09-02; the map-keys rule keeps the
  // JSON echo (us-east-1 and eu-west-2, 2026-10-09).
  const one = (m: string) => `1 validation error detected: ${m}`;
  await expectValidation(
    'BatchGetItem',
    { RequestItems: {} },
    one("Value at 'RequestItems' failed to satisfy constraint: Member must have length greater than or equal to 1"),
  );
  const keys = Array.from({ length: 101 }, (_, i) => ({ pk: S(`k${i}`) }));
  await expectValidation(
    'BatchGetItem',
    { RequestItems: { hash: { Keys: keys } } },
    one(
      "Value at 'RequestItems.hash.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100",
    ),
  );
  await expectValidation(
    'BatchGetItem',
    { RequestItems: { hash: { Keys: [] } } },
    one(
      "Value at 'RequestItems.hash.member.Keys' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ),
  );
  await expectValidation(
    'BatchGetItem',
    { RequestItems: { 'bad!name': { Keys: [{ pk: S('a') }] } } },
    one(
      `Value '{"bad!name":{"Keys":[{"pk":{"S":"a"}}]}}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]`,
    ),
  );
  await expectValidation(
    'BatchGetItem',
    {
      RequestItems: {
        hash: {
          Keys: [{ pk: S('a') }],
          ProjectionExpression: '#a, #b',
          ExpressionAttributeNames: { '#a': 'a', '#b': 'a' },
        },
      },
    },
    'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
  );
});

test('Query: key condition operand types and counts', async () => {
  // paritysuite tests/tier3/error-messages/queryKeyConditionOperands.test.ts (eu-west-2, 2026-10): an operand no
  // key type could satisfy is an expression error, one of another key type fails the schema check.
  const SCHEMA = 'One or more parameter values were invalid: Condition parameter type does not match schema type';
  const operand = (op: string, type: string) =>
    `Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: ${op}, operand type: ${type}`;
  const query = (TableName: string, KeyConditionExpression: string, values: object, message: string) =>
    expectValidation(
      'Query',
      { TableName, KeyConditionExpression, ExpressionAttributeValues: { ':p': S('q'), ...values } },
      message,
    );
  await query('comp', 'pk = :p AND begins_with(sk, :v)', { ':v': { N: '1' } }, operand('begins_with', 'N'));
  await query('comp', 'pk = :p AND begins_with(sk, :v)', { ':v': { BOOL: true } }, operand('begins_with', 'BOOL'));
  await query('compN', 'pk = :p AND begins_with(sk, :v)', { ':v': S('a') }, SCHEMA);
  await query('compN', 'pk = :p AND :v >= sk', { ':v': { BOOL: true } }, operand('>=', 'BOOL'));
  await query(
    'compN',
    'pk = :p AND sk BETWEEN :a AND :b',
    { ':a': { BOOL: false }, ':b': { BOOL: true } },
    operand('BETWEEN', 'BOOL'),
  );
  await query('compN', 'pk = :p AND sk = :v', { ':v': { BOOL: true } }, SCHEMA);
  await query(
    'compN',
    'pk = :p AND sk > :a AND sk < :b',
    { ':a': { N: '1' }, ':b': { N: '5' } },
    'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
  );
  await query(
    'compN',
    'pk = :p AND sk > :a AND extra = :b',
    { ':a': { N: '1' }, ':b': { N: '5' } },
    'The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)',
  );
});

test("CreateTable: the GSIs' constraint violations come before the LSIs'", async () => {
  // paritysuite tests/tier3/validation-ordering/createTable.test.ts (eu-west-2, us-east-1, 2026-10-09): whichever
  // order the request lists them in, and whatever the names sort to.
  const tooShort = (name: string, member: string) =>
    `Value '${name}' at '${member}.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3`;
  const keys = (names: string[]) => names.map((n, i) => ({ AttributeName: n, KeyType: i ? 'RANGE' : 'HASH' }));
  const table = (lsi: string, gsi: string) => ({
    TableName: 'index_names',
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk'].map((n) => ({ AttributeName: n, AttributeType: 'S' })),
    KeySchema: keys(['pk', 'sk']),
    LocalSecondaryIndexes: [{ IndexName: lsi, KeySchema: keys(['pk', 'lr']), Projection: { ProjectionType: 'ALL' } }],
    GlobalSecondaryIndexes: [{ IndexName: gsi, KeySchema: keys(['gh']), Projection: { ProjectionType: 'ALL' } }],
  });
  for (const [lsi, gsi] of [
    ['l1', 'g1'],
    ['aa', 'zz'],
  ]) {
    await expectValidation(
      'CreateTable',
      table(lsi!, gsi!),
      `2 validation errors detected: ${tooShort(gsi!, 'globalSecondaryIndexes')}; ${tooShort(lsi!, 'localSecondaryIndexes')}`,
    );
  }
});

test.run();
