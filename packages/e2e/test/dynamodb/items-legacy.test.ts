// The legacy (pre-expression) parameters older mappers still send: Expected, ConditionalOperator,
// AttributeUpdates, KeyConditions, QueryFilter, ScanFilter, AttributesToGet.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  DeleteItemCommand,
} from '@aws-sdk/client-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const S = (v: string) => ({ S: v });
const N = (v: number) => ({ N: String(v) });

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'legacy',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
  });
  for (let i = 0; i < 10; i++) {
    await s.client.send(
      new PutItemCommand({
        TableName: 'legacy',
        Item: { pk: S('p'), sk: N(i), v: N(i * 10), tags: { SS: i % 2 ? ['odd', 'x'] : ['even'] }, name: S(`n${i}`) },
      }),
    );
  }
});
test.after(async () => {
  await s?.close();
});

test('Expected: Exists false, Value, ComparisonOperator with ConditionalOperator', async () => {
  const item = { pk: S('e'), sk: N(1), v: N(5) };
  await s.client.send(new PutItemCommand({ TableName: 'legacy', Item: item, Expected: { pk: { Exists: false } } }));
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'legacy', Item: item, Expected: { pk: { Exists: false } } })),
    'ConditionalCheckFailedException',
    'The conditional request failed',
  );
  await s.client.send(
    new PutItemCommand({ TableName: 'legacy', Item: { ...item, v: N(6) }, Expected: { v: { Value: N(5) } } }),
  );
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'legacy', Item: item, Expected: { v: { Value: N(5) } } })),
    'ConditionalCheckFailedException',
  );
  await s.client.send(
    new PutItemCommand({
      TableName: 'legacy',
      Item: item,
      ConditionalOperator: 'OR',
      Expected: { v: { ComparisonOperator: 'GT', AttributeValueList: [N(100)] }, nope: { ComparisonOperator: 'NULL' } },
    }),
  );
  await rejects(
    s.client.send(
      new DeleteItemCommand({
        TableName: 'legacy',
        Key: { pk: S('e'), sk: N(1) },
        Expected: { v: { ComparisonOperator: 'BETWEEN', AttributeValueList: [N(6), N(9)] } },
      }),
    ),
    'ConditionalCheckFailedException',
  );
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'legacy', Item: item, Expected: { v: { Exists: true } } })),
    'ValidationException',
    // In the validation envelope: paritysuite tests/tier3/error-messages/putItem.test.ts (2026-10-09).
    '1 validation error detected: One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: v',
  );
  await rejects(
    s.client.send(
      new PutItemCommand({
        TableName: 'legacy',
        Item: item,
        Expected: { v: { Exists: false } },
        ConditionExpression: 'attribute_exists(v)',
      }),
    ),
    'ValidationException',
    'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
  );
});

test('AttributeUpdates: PUT, ADD, DELETE', async () => {
  const key = { pk: S('u'), sk: N(1) };
  const r1 = await s.client.send(
    new UpdateItemCommand({
      TableName: 'legacy',
      Key: key,
      AttributeUpdates: {
        n: { Action: 'ADD', Value: N(2) },
        s: { Value: S('x') },
        set: { Action: 'ADD', Value: { SS: ['a', 'b'] } },
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  assert.equal(r1.Attributes, { ...key, n: N(2), s: S('x'), set: { SS: ['a', 'b'] } });
  const r2 = await s.client.send(
    new UpdateItemCommand({
      TableName: 'legacy',
      Key: key,
      AttributeUpdates: {
        n: { Action: 'ADD', Value: N(-5) },
        s: { Action: 'DELETE' },
        set: { Action: 'DELETE', Value: { SS: ['a'] } },
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  assert.equal(r2.Attributes, { n: N(-3), set: { SS: ['b'] } });
  await rejects(
    s.client.send(new UpdateItemCommand({ TableName: 'legacy', Key: key, AttributeUpdates: { sk: { Value: N(2) } } })),
    'ValidationException',
    'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key',
  );
  await rejects(
    s.client.send(
      new UpdateItemCommand({
        TableName: 'legacy',
        Key: key,
        AttributeUpdates: { n: { Action: 'ADD', Value: N(1) } },
        Expected: { n: { Value: N(0) } },
      }),
    ),
    'ConditionalCheckFailedException',
  );
});

test('Query with KeyConditions and QueryFilter; Scan with ScanFilter', async () => {
  const q = await s.client.send(
    new QueryCommand({
      TableName: 'legacy',
      KeyConditions: {
        pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] },
        sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [N(2), N(7)] },
      },
    }),
  );
  assert.equal(
    q.Items!.map((i) => i.sk!.N),
    ['2', '3', '4', '5', '6', '7'],
  );
  const f = await s.client.send(
    new QueryCommand({
      TableName: 'legacy',
      ScanIndexForward: false,
      AttributesToGet: ['sk'],
      KeyConditions: {
        pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] },
        sk: { ComparisonOperator: 'GE', AttributeValueList: [N(5)] },
      },
      QueryFilter: { tags: { ComparisonOperator: 'CONTAINS', AttributeValueList: [S('odd')] } },
    }),
  );
  assert.equal(f.Items, [{ sk: N(9) }, { sk: N(7) }, { sk: N(5) }]);
  assert.is(f.ScannedCount, 5);
  const sc = await s.client.send(
    new ScanCommand({
      TableName: 'legacy',
      ConditionalOperator: 'OR',
      ScanFilter: {
        name: { ComparisonOperator: 'IN', AttributeValueList: [S('n1'), S('n2')] },
        v: { ComparisonOperator: 'GT', AttributeValueList: [N(80)] },
      },
    }),
  );
  assert.equal(sc.Items!.map((i) => i.sk!.N).sort(), ['1', '2', '9']);
  await rejects(
    s.client.send(
      new QueryCommand({
        TableName: 'legacy',
        KeyConditions: { sk: { ComparisonOperator: 'EQ', AttributeValueList: [N(1)] } },
      }),
    ),
    'ValidationException',
    'Query condition missed key schema element: pk',
  );
  // KeyConditions may go with FilterExpression: DynamoDB accepts the pair (ExtendDB
  // tests/test_conditional_operator.py TestAcceptedCombinations, dual-target against DynamoDB).
  const mixed = await s.client.send(
    new QueryCommand({
      TableName: 'legacy',
      KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] } },
      FilterExpression: 'v > :v',
      ExpressionAttributeValues: { ':v': N(1) },
    }),
  );
  assert.ok(mixed.Count !== undefined);
  // ...but not with a KeyConditionExpression.
  await rejects(
    s.client.send(
      new QueryCommand({
        TableName: 'legacy',
        KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] } },
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': S('p') },
      }),
    ),
    'ValidationException',
    'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}',
  );
});

test.run();
