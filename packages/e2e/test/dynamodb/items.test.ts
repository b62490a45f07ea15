// PutItem, GetItem, DeleteItem, UpdateItem through the AWS SDK v3: semantics, ReturnValues, conditions,
// capacity and DynamoDB's exact error messages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'users',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'customerId', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'idx',
        KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  await createTable(s.client, {
    TableName: 'events',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'at', AttributeType: 'S' },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byAt',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'at', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
});
test.after(async () => {
  await s?.close();
});

test('PutItem then GetItem round-trips every attribute type, numbers normalised', async () => {
  const item = {
    id: { S: 'u1' },
    n: { N: '1.50' },
    b: { B: new Uint8Array([0, 1, 2]) },
    t: { BOOL: true },
    z: { NULL: true },
    m: { M: { a: { S: 'x' }, l: { L: [{ N: '1' }, { S: 'two' }] } } },
    ss: { SS: ['a', 'b'] },
    ns: { NS: ['1', '2.0'] },
    bs: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
    empty: { S: '' },
  };
  const put = await s.client.send(new PutItemCommand({ TableName: 'users', Item: item }));
  assert.equal(put.Attributes, undefined);
  const got = await s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } } }));
  assert.equal(got.Item!.n, { N: '1.5' });
  assert.equal(got.Item!.b, { B: new Uint8Array([0, 1, 2]) });
  assert.equal(got.Item!.m, item.m);
  assert.equal(got.Item!.empty, { S: '' });
  assert.equal(new Set(got.Item!.ns!.NS), new Set(['1', '2']));
  assert.equal(got.Item!.z, { NULL: true });
});

test('GetItem of a missing item has no Item; projections pick attributes and nested paths', async () => {
  const missing = await s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'nobody' } } }));
  assert.equal(missing.Item, undefined);
  await s.doc.send(
    new PutCommand({ TableName: 'users', Item: { id: 'p1', a: 1, b: { c: 2, d: 3 }, l: [10, 20, 30], name: 'x' } }),
  );
  const p = await s.doc.send(
    new GetCommand({
      TableName: 'users',
      Key: { id: 'p1' },
      ProjectionExpression: 'a, b.c, l[1], #n',
      ExpressionAttributeNames: { '#n': 'name' },
    }),
  );
  assert.equal(p.Item, { a: 1, b: { c: 2 }, l: [20], name: 'x' });
  const legacy = await s.client.send(
    new GetItemCommand({ TableName: 'users', Key: { id: { S: 'p1' } }, AttributesToGet: ['a', 'nope'] }),
  );
  assert.equal(legacy.Item, { a: { N: '1' } });
  const none = await s.doc.send(
    new GetCommand({ TableName: 'users', Key: { id: 'p1' }, ProjectionExpression: 'nope' }),
  );
  assert.equal(none.Item, {});
  await rejects(
    s.client.send(
      new GetItemCommand({
        TableName: 'users',
        Key: { id: { S: 'p1' } },
        AttributesToGet: ['a'],
        ProjectionExpression: 'a',
      }),
    ),
    'ValidationException',
    'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
  );
});

test('PutItem and DeleteItem ReturnValues: ALL_OLD or NONE only', async () => {
  await s.doc.send(new PutCommand({ TableName: 'users', Item: { id: 'r1', v: 1 } }));
  const put = await s.doc.send(
    new PutCommand({ TableName: 'users', Item: { id: 'r1', v: 2 }, ReturnValues: 'ALL_OLD' }),
  );
  assert.equal(put.Attributes, { id: 'r1', v: 1 });
  const firstPut = await s.doc.send(
    new PutCommand({ TableName: 'users', Item: { id: 'r2' }, ReturnValues: 'ALL_OLD' }),
  );
  assert.equal(firstPut.Attributes, undefined);
  await rejects(
    s.doc.send(new PutCommand({ TableName: 'users', Item: { id: 'r1' }, ReturnValues: 'ALL_NEW' })),
    'ValidationException',
    // In the validation envelope: paritysuite tests/tier3/error-messages/{putItem,deleteItem}.test.ts (2026-10-09).
    '1 validation error detected: ReturnValues can only be ALL_OLD or NONE',
  );
  await rejects(
    s.doc.send(new DeleteCommand({ TableName: 'users', Key: { id: 'r1' }, ReturnValues: 'UPDATED_NEW' })),
    'ValidationException',
    // In the validation envelope: paritysuite tests/tier3/error-messages/{putItem,deleteItem}.test.ts (2026-10-09).
    '1 validation error detected: ReturnValues can only be ALL_OLD or NONE',
  );
  const del = await s.doc.send(new DeleteCommand({ TableName: 'users', Key: { id: 'r1' }, ReturnValues: 'ALL_OLD' }));
  assert.equal(del.Attributes, { id: 'r1', v: 2 });
  const again = await s.doc.send(new DeleteCommand({ TableName: 'users', Key: { id: 'r1' }, ReturnValues: 'ALL_OLD' }));
  assert.equal(again.Attributes, undefined);
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'users', Key: { id: 'r1' } }))).Item, undefined);
});

test('ConditionExpression guards writes; ReturnValuesOnConditionCheckFailure returns the item', async () => {
  await s.doc.send(
    new PutCommand({ TableName: 'users', Item: { id: 'c1', v: 1 }, ConditionExpression: 'attribute_not_exists(id)' }),
  );
  const e1 = await rejects(
    s.doc.send(
      new PutCommand({ TableName: 'users', Item: { id: 'c1', v: 2 }, ConditionExpression: 'attribute_not_exists(id)' }),
    ),
    'ConditionalCheckFailedException',
    'The conditional request failed',
  );
  assert.equal(e1.Item, undefined);
  const e2 = await rejects(
    s.client.send(
      new PutItemCommand({
        TableName: 'users',
        Item: { id: { S: 'c1' } },
        ConditionExpression: 'v = :v',
        ExpressionAttributeValues: { ':v': { N: '5' } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    ),
    'ConditionalCheckFailedException',
    'The conditional request failed',
  );
  assert.equal(e2.Item, { id: { S: 'c1' }, v: { N: '1' } });
  await rejects(
    s.doc.send(
      new DeleteCommand({
        TableName: 'users',
        Key: { id: 'c1' },
        ConditionExpression: 'v > :v',
        ExpressionAttributeValues: { ':v': 1 },
      }),
    ),
    'ConditionalCheckFailedException',
  );
  await s.doc.send(
    new DeleteCommand({
      TableName: 'users',
      Key: { id: 'c1' },
      ConditionExpression: 'v = :v',
      ExpressionAttributeValues: { ':v': 1 },
    }),
  );
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'users', Key: { id: 'c1' } }))).Item, undefined);
  await rejects(
    s.doc.send(
      new UpdateCommand({
        TableName: 'users',
        Key: { id: 'c1' },
        UpdateExpression: 'SET v = :v',
        ConditionExpression: 'attribute_exists(id)',
        ExpressionAttributeValues: { ':v': 1 },
      }),
    ),
    'ConditionalCheckFailedException',
  );
  assert.equal(
    (await s.doc.send(new GetCommand({ TableName: 'users', Key: { id: 'c1' } }))).Item,
    undefined,
    'failed update wrote nothing',
  );
});

test('UpdateItem creates, modifies and returns every ReturnValues option', async () => {
  const created = await s.doc.send(
    new UpdateCommand({
      TableName: 'users',
      Key: { id: 'up' },
      UpdateExpression: 'SET a = :a, m = :m',
      ExpressionAttributeValues: { ':a': 1, ':m': { x: 1, y: 2 } },
      ReturnValues: 'ALL_NEW',
    }),
  );
  assert.equal(created.Attributes, { id: 'up', a: 1, m: { x: 1, y: 2 } });
  const updNew = await s.doc.send(
    new UpdateCommand({
      TableName: 'users',
      Key: { id: 'up' },
      UpdateExpression: 'ADD a :one SET m.x = :v',
      ExpressionAttributeValues: { ':one': 1, ':v': 9 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  assert.equal(updNew.Attributes, { a: 2, m: { x: 9 } });
  const updOld = await s.doc.send(
    new UpdateCommand({
      TableName: 'users',
      Key: { id: 'up' },
      UpdateExpression: 'REMOVE m.y SET b = :b',
      ExpressionAttributeValues: { ':b': 'new' },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  assert.equal(updOld.Attributes, { m: { y: 2 } });
  const allOld = await s.doc.send(
    new UpdateCommand({
      TableName: 'users',
      Key: { id: 'up' },
      UpdateExpression: 'SET a = :a',
      ExpressionAttributeValues: { ':a': 100 },
      ReturnValues: 'ALL_OLD',
    }),
  );
  assert.equal(allOld.Attributes, { id: 'up', a: 2, m: { x: 9 }, b: 'new' });
  const none = await s.doc.send(
    new UpdateCommand({
      TableName: 'users',
      Key: { id: 'up' },
      UpdateExpression: 'SET a = :a',
      ExpressionAttributeValues: { ':a': 1 },
    }),
  );
  assert.equal(none.Attributes, undefined);
  // UpdateItem with no update expression creates the bare key.
  await s.client.send(new UpdateItemCommand({ TableName: 'users', Key: { id: { S: 'bare' } } }));
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'users', Key: { id: 'bare' } }))).Item, { id: 'bare' });
});

test('UpdateItem refuses to change the key', async () => {
  await rejects(
    s.doc.send(
      new UpdateCommand({
        TableName: 'users',
        Key: { id: 'up' },
        UpdateExpression: 'SET id = :x',
        ExpressionAttributeValues: { ':x': 'other' },
      }),
    ),
    'ValidationException',
    'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key',
  );
  await rejects(
    s.doc.send(new UpdateCommand({ TableName: 'events', Key: { pk: 'a', sk: 1 }, UpdateExpression: 'REMOVE sk' })),
    'ValidationException',
    'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key',
  );
});

test('key validation messages', async () => {
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'users', Item: { other: { S: 'x' } } })),
    'ValidationException',
    'One or more parameter values were invalid: Missing the key id in the item',
  );
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'users', Item: { id: { N: '1' } } })),
    'ValidationException',
    'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N',
  );
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: '' } } })),
    'ValidationException',
    'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
  );
  await rejects(
    s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: '' } } })),
    'ValidationException',
    'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
  );
  await rejects(
    s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { N: '1' } } })),
    'ValidationException',
    'The provided key element does not match the schema',
  );
  await rejects(
    s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'a' }, x: { S: 'b' } } })),
    'ValidationException',
    'The provided key element does not match the schema',
  );
  await rejects(
    s.client.send(new DeleteItemCommand({ TableName: 'events', Key: { pk: { S: 'a' } } })),
    'ValidationException',
    'The provided key element does not match the schema',
  );
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'x' }, customerId: { N: '1' } } })),
    'ValidationException',
    'One or more parameter values were invalid: Type mismatch for Index Key customerId Expected: S Actual: N IndexName: idx',
  );
  await rejects(
    s.client.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'h'.repeat(2049) } } })),
    'ValidationException',
    'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
  );
  await rejects(
    s.client.send(
      new PutItemCommand({
        TableName: 'events',
        Item: { pk: { S: 'a' }, sk: { N: '1' }, at: { S: 'r'.repeat(1025) } },
      }),
    ),
    'ValidationException',
    'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
  );
  // Keys at the limits are accepted.
  await s.client.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'h'.repeat(2048) } } }));
  const got = await s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'h'.repeat(2048) } } }));
  assert.is(got.Item!.id!.S!.length, 2048);
});

test('item size limit is 400 KB', async () => {
  const exactly = 400 * 1024 - 'id'.length - 'big'.length - 'max'.length;
  await s.client.send(
    new PutItemCommand({ TableName: 'users', Item: { id: { S: 'max' }, big: { S: 'x'.repeat(exactly) } } }),
  );
  await rejects(
    s.client.send(
      new PutItemCommand({ TableName: 'users', Item: { id: { S: 'max' }, big: { S: 'x'.repeat(exactly + 1) } } }),
    ),
    'ValidationException',
    'Item size has exceeded the maximum allowed size',
  );
  await rejects(
    s.doc.send(
      new UpdateCommand({
        TableName: 'users',
        Key: { id: 'max' },
        UpdateExpression: 'SET more = :m',
        ExpressionAttributeValues: { ':m': 'y' },
      }),
    ),
    'ValidationException',
    'Item size to update has exceeded the maximum allowed size',
  );
});

test('operations on a missing table are ResourceNotFoundException', async () => {
  for (const p of [
    s.client.send(new GetItemCommand({ TableName: 'nope', Key: { id: { S: 'a' } } })),
    s.client.send(new PutItemCommand({ TableName: 'nope', Item: { id: { S: 'a' } } })),
    s.client.send(new DeleteItemCommand({ TableName: 'nope', Key: { id: { S: 'a' } } })),
    s.client.send(new UpdateItemCommand({ TableName: 'nope', Key: { id: { S: 'a' } } })),
  ])
    await rejects(p, 'ResourceNotFoundException', 'Requested resource not found');
});

test('ReturnConsumedCapacity: 1 WCU per KB, 0.5/1 RCU per 4 KB, index writes under INDEXES', async () => {
  const w1 = await s.client.send(
    new PutItemCommand({
      TableName: 'users',
      Item: { id: { S: 'cap' }, d: { S: 'x'.repeat(1500) } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.equal(w1.ConsumedCapacity, { TableName: 'users', CapacityUnits: 2 });
  const w2 = await s.client.send(
    new PutItemCommand({
      TableName: 'users',
      Item: { id: { S: 'cap2' }, customerId: { S: 'c' } },
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  assert.equal(w2.ConsumedCapacity, {
    TableName: 'users',
    CapacityUnits: 2,
    Table: { CapacityUnits: 1 },
    GlobalSecondaryIndexes: { idx: { CapacityUnits: 1 } },
  });
  const r1 = await s.client.send(
    new GetItemCommand({ TableName: 'users', Key: { id: { S: 'cap' } }, ReturnConsumedCapacity: 'TOTAL' }),
  );
  assert.equal(r1.ConsumedCapacity, { TableName: 'users', CapacityUnits: 0.5 });
  await s.client.send(
    new PutItemCommand({ TableName: 'users', Item: { id: { S: 'cap3' }, d: { S: 'x'.repeat(5000) } } }),
  );
  const r2 = await s.client.send(
    new GetItemCommand({
      TableName: 'users',
      Key: { id: { S: 'cap3' } },
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.equal(r2.ConsumedCapacity, { TableName: 'users', CapacityUnits: 2 });
  const none = await s.client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'cap3' } } }));
  assert.equal(none.ConsumedCapacity, undefined);
});

test('ReturnItemCollectionMetrics SIZE on a table with an LSI', async () => {
  const r = await s.client.send(
    new PutItemCommand({
      TableName: 'events',
      Item: { pk: { S: 'a' }, sk: { N: '1' }, at: { S: 'x' } },
      ReturnItemCollectionMetrics: 'SIZE',
    }),
  );
  assert.equal(r.ItemCollectionMetrics, { ItemCollectionKey: { pk: { S: 'a' } }, SizeEstimateRangeGB: [0, 1] });
  const u = await s.client.send(
    new PutItemCommand({ TableName: 'users', Item: { id: { S: 'm' } }, ReturnItemCollectionMetrics: 'SIZE' }),
  );
  assert.equal(u.ItemCollectionMetrics, undefined);
});

test('expression attribute maps are checked', async () => {
  await rejects(
    s.client.send(
      new PutItemCommand({
        TableName: 'users',
        Item: { id: { S: 'e' } },
        ExpressionAttributeValues: { ':a': { S: 'x' } },
      }),
    ),
    'ValidationException',
    // paritysuite tests/tier3/error-messages/putItem.test.ts (eu-west-2, us-east-1, 2026-10-09).
    '1 validation error detected: ExpressionAttributeValues can only be specified when using expressions',
  );
  await rejects(
    s.client.send(
      new PutItemCommand({ TableName: 'users', Item: { id: { S: 'e' } }, ExpressionAttributeNames: { '#a': 'x' } }),
    ),
    'ValidationException',
    // In the validation envelope: paritysuite tests/tier3/error-messages/{putItem,deleteItem}.test.ts (2026-10-09).
    '1 validation error detected: ExpressionAttributeNames can only be specified when using expressions',
  );
  await rejects(
    s.client.send(
      new PutItemCommand({
        TableName: 'users',
        Item: { id: { S: 'e' } },
        ConditionExpression: 'attribute_not_exists(id)',
        ExpressionAttributeValues: { ':a': { S: 'x' } },
      }),
    ),
    'ValidationException',
    'Value provided in ExpressionAttributeValues unused in expressions: keys: {:a}',
  );
  await rejects(
    s.client.send(
      new PutItemCommand({
        TableName: 'users',
        Item: { id: { S: 'e' } },
        ConditionExpression: 'attribute_not_exists(id)',
        ExpressionAttributeValues: {},
      }),
    ),
    'ValidationException',
    // In the validation envelope: paritysuite tests/tier3/error-messages/{putItem,deleteItem}.test.ts (2026-10-09).
    '1 validation error detected: ExpressionAttributeValues must not be empty',
  );
});

test('concurrent conditional updates are atomic', async () => {
  await s.doc.send(new PutCommand({ TableName: 'users', Item: { id: 'counter', n: 0 } }));
  await Promise.all(
    Array.from({ length: 50 }, () =>
      s.doc.send(
        new UpdateCommand({
          TableName: 'users',
          Key: { id: 'counter' },
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    ),
  );
  assert.is((await s.doc.send(new GetCommand({ TableName: 'users', Key: { id: 'counter' } }))).Item!.n, 50);
  // Of 20 racing creators exactly one wins the attribute_not_exists condition.
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      s.doc.send(
        new PutCommand({
          TableName: 'users',
          Item: { id: 'once', by: i },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
    ),
  );
  assert.is(results.filter((r) => r.status === 'fulfilled').length, 1);
});

test('DescribeTable counts follow item writes (table and index stats)', async () => {
  await createTable(s.client, {
    TableName: 'counted',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byG',
        KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
  for (let i = 0; i < 10; i++)
    await s.doc.send(
      new PutCommand({
        TableName: 'counted',
        Item: { id: `i${i}`, ...(i < 4 ? { g: 'x' } : {}), pad: 'p'.repeat(100) },
      }),
    );
  await s.doc.send(new DeleteCommand({ TableName: 'counted', Key: { id: 'i0' } }));
  await s.doc.send(new DeleteCommand({ TableName: 'counted', Key: { id: 'i9' } }));
  const t = (await s.client.send(new DescribeTableCommand({ TableName: 'counted' }))).Table!;
  assert.is(t.ItemCount, 8);
  assert.is(t.TableSizeBytes, 8 * (2 + 2 + 3 + 100) + 3 * (1 + 1));
  assert.is(t.GlobalSecondaryIndexes![0]!.ItemCount, 3);
  assert.is(t.GlobalSecondaryIndexes![0]!.IndexSizeBytes, 3 * (2 + 2 + 1 + 1));
  // A table deleted and created again under the same name starts empty.
  await s.client.send(new DeleteTableCommand({ TableName: 'counted' }));
  await createTable(s.client, {
    TableName: 'counted',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  assert.equal((await s.doc.send(new GetCommand({ TableName: 'counted', Key: { id: 'i1' } }))).Item, undefined);
  assert.is((await s.client.send(new DescribeTableCommand({ TableName: 'counted' }))).Table!.ItemCount, 0);
});

test.run();
