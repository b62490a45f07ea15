// TransactWriteItems and TransactGetItems through the AWS SDK v3: atomicity, cancellation reasons, idempotency.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  for (const TableName of ['accounts', 'log']) {
    await createTable(s.client, {
      TableName,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });
  }
  await s.doc.send(new PutCommand({ TableName: 'accounts', Item: { id: 'alice', balance: 100 } }));
  await s.doc.send(new PutCommand({ TableName: 'accounts', Item: { id: 'bob', balance: 0 } }));
});
test.after(async () => {
  await s?.close();
});

const get = async (table: string, id: string) =>
  (await s.doc.send(new GetCommand({ TableName: table, Key: { id } }))).Item;

const transfer = (amount: number, logId: string) => ({
  TransactItems: [
    {
      Update: {
        TableName: 'accounts',
        Key: { id: 'alice' },
        UpdateExpression: 'SET balance = balance - :a',
        ConditionExpression: 'balance >= :a',
        ExpressionAttributeValues: { ':a': amount },
      },
    },
    {
      Update: {
        TableName: 'accounts',
        Key: { id: 'bob' },
        UpdateExpression: 'SET balance = balance + :a',
        ExpressionAttributeValues: { ':a': amount },
      },
    },
    { Put: { TableName: 'log', Item: { id: logId, amount }, ConditionExpression: 'attribute_not_exists(id)' } },
  ],
});

test('a transaction applies every action', async () => {
  const r = await s.doc.send(new TransactWriteCommand({ ...transfer(30, 't1'), ReturnConsumedCapacity: 'TOTAL' }));
  assert.equal((await get('accounts', 'alice'))!.balance, 70);
  assert.equal((await get('accounts', 'bob'))!.balance, 30);
  assert.equal(await get('log', 't1'), { id: 't1', amount: 30 });
  assert.equal(
    new Set(r.ConsumedCapacity!.map((c) => `${c.TableName}:${c.CapacityUnits}`)),
    new Set(['accounts:4', 'log:2']),
  );
});

test('a failed condition cancels everything, with reasons in order', async () => {
  const e = await rejects(
    s.doc.send(new TransactWriteCommand(transfer(1000, 't2'))),
    'TransactionCanceledException',
    'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None, None]',
  );
  assert.equal(e.CancellationReasons, [
    { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    { Code: 'None' },
    { Code: 'None' },
  ]);
  assert.equal((await get('accounts', 'alice'))!.balance, 70);
  assert.equal((await get('accounts', 'bob'))!.balance, 30);
  assert.equal(await get('log', 't2'), undefined);
});

test('ConditionCheck and ReturnValuesOnConditionCheckFailure ALL_OLD', async () => {
  const e = await rejects(
    s.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'log', Item: { id: { S: 't3' } } } },
          {
            ConditionCheck: {
              TableName: 'accounts',
              Key: { id: { S: 'bob' } },
              ConditionExpression: 'balance > :x',
              ExpressionAttributeValues: { ':x': { N: '1000' } },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    ),
    'TransactionCanceledException',
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
  );
  assert.equal(e.CancellationReasons[1], {
    Code: 'ConditionalCheckFailed',
    Message: 'The conditional request failed',
    Item: { id: { S: 'bob' }, balance: { N: '30' } },
  });
  assert.equal(await get('log', 't3'), undefined);
  await s.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: 'accounts',
            Key: { id: 'bob' },
            ConditionExpression: 'balance = :x',
            ExpressionAttributeValues: { ':x': 30 },
          },
        },
        { Delete: { TableName: 'log', Key: { id: 't1' } } },
      ],
    }),
  );
  assert.equal(await get('log', 't1'), undefined);
});

test('one item twice in a transaction is refused', async () => {
  await rejects(
    s.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 'log', Item: { id: 'x' } } },
          { Delete: { TableName: 'log', Key: { id: 'x' } } },
        ],
      }),
    ),
    'ValidationException',
    'Transaction request cannot include multiple operations on one item',
  );
  await rejects(
    s.doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: 'log', Key: { id: 'x' } } },
          { Get: { TableName: 'log', Key: { id: 'x' } } },
        ],
      }),
    ),
    'ValidationException',
    'Transaction request cannot include multiple operations on one item',
  );
});

test('ClientRequestToken makes a transaction idempotent', async () => {
  const input = { ...transfer(10, 't4'), ClientRequestToken: 'token-1' };
  await s.doc.send(new TransactWriteCommand(input));
  await s.doc.send(new TransactWriteCommand(input));
  assert.equal((await get('accounts', 'alice'))!.balance, 60, 'applied once');
  await rejects(
    s.doc.send(new TransactWriteCommand({ ...transfer(11, 't5'), ClientRequestToken: 'token-1' })),
    'IdempotentParameterMismatchException',
  );
  assert.equal(await get('log', 't5'), undefined);
});

test('TransactGetItems reads a consistent set, with projections and missing items', async () => {
  const r = await s.doc.send(
    new TransactGetCommand({
      TransactItems: [
        { Get: { TableName: 'accounts', Key: { id: 'alice' }, ProjectionExpression: 'balance' } },
        { Get: { TableName: 'accounts', Key: { id: 'bob' } } },
        { Get: { TableName: 'log', Key: { id: 'none' } } },
      ],
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.equal(
    r.Responses!.map((x) => x.Item),
    [{ balance: 60 }, { id: 'bob', balance: 40 }, undefined],
  );
  assert.equal(
    new Set(r.ConsumedCapacity!.map((c) => `${c.TableName}:${c.CapacityUnits}`)),
    new Set(['accounts:4', 'log:2']),
  );
});

test('transaction limits and missing tables', async () => {
  await rejects(
    s.doc.send(
      new TransactWriteCommand({
        TransactItems: Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: 'log', Item: { id: `l${i}` } } })),
      }),
    ),
    'ValidationException',
    /100/,
  );
  const hundred = Array.from({ length: 100 }, (_, i) => ({ Put: { TableName: 'log', Item: { id: `l${i}` } } }));
  await s.doc.send(new TransactWriteCommand({ TransactItems: hundred }));
  assert.ok(await get('log', 'l99'));
  await rejects(
    s.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'missing', Item: { id: 'x' } } }] })),
    'ResourceNotFoundException',
    'Requested resource not found',
  );
  const e = await rejects(
    s.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 'log', Item: { id: 'never' } } },
          {
            Update: {
              TableName: 'accounts',
              Key: { id: 'alice' },
              UpdateExpression: 'SET balance = nothere + :n',
              ExpressionAttributeValues: { ':n': 1 },
            },
          },
        ],
      }),
    ),
    'TransactionCanceledException',
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]',
  );
  assert.is(e.CancellationReasons[1].Code, 'ValidationError');
  assert.is(
    e.CancellationReasons[1].Message,
    'The provided expression refers to an attribute that does not exist in the item',
  );
  assert.equal(await get('log', 'never'), undefined);
  assert.equal((await get('accounts', 'alice'))!.balance, 60);
});

test.run();
