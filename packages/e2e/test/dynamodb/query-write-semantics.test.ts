// Issue 18 §4/§5 semantics through the AWS SDK v3 and raw JSON: a Query filter may not name key attributes,
// remove-only updates create nothing, and the 4 MB transaction cap. Each test names the evidence it follows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { waitFor } from './features-support.js';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'semantics',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byG',
        KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
});
test.after(async () => s.close());

const byPk = { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p1' } } };

// dynalite test/query.js "should return ValidationException if querying with ... key in FilterExpression/QueryFilter"
// (recorded against DynamoDB): the hash key is named first, the words name the member.
test('a FilterExpression naming the sort key is refused', async () => {
  await rejects(
    s.client.send(new QueryCommand({ TableName: 'semantics', ...byPk, FilterExpression: 'sk = :p' })),
    'ValidationException',
    'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk',
  );
});

test('a FilterExpression naming the hash key through an alias, inside a function, is refused', async () => {
  const r = await s.raw('Query', {
    TableName: 'semantics',
    ...byPk,
    FilterExpression: 'begins_with(#k, :p) AND x = :p',
    ExpressionAttributeNames: { '#k': 'pk' },
  });
  assert.is(r.status, 400);
  assert.is(r.body.__type, 'com.amazon.coral.validate#ValidationException');
  assert.is(r.body.message, 'Filter Expression can only contain non-primary key attributes: Primary key attribute: pk');
});

test('a QueryFilter naming a key attribute is refused with its own words', async () => {
  const r = await s.raw('Query', {
    TableName: 'semantics',
    KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p1' }] } },
    QueryFilter: { sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } },
  });
  assert.is(r.status, 400);
  assert.is(r.body.message, 'QueryFilter can only contain non-primary key attributes: Primary key attribute: sk');
});

// Same dynalite check uses the queried index's key schema: on a GSI the index key is refused, the table's sort key
// is an ordinary attribute there.
test('on a GSI the index key is refused and the table key may be filtered', async () => {
  const onIndex = { TableName: 'semantics', IndexName: 'byG', KeyConditionExpression: 'g = :g' };
  await rejects(
    s.client.send(
      new QueryCommand({
        ...onIndex,
        FilterExpression: 'g <> :x',
        ExpressionAttributeValues: { ':g': { S: 'G' }, ':x': { S: 'x' } },
      }),
    ),
    'ValidationException',
    'Filter Expression can only contain non-primary key attributes: Primary key attribute: g',
  );
  const ok = await s.client.send(
    new QueryCommand({
      ...onIndex,
      FilterExpression: 'sk <> :x',
      ExpressionAttributeValues: { ':g': { S: 'G' }, ':x': { S: 'x' } },
    }),
  );
  assert.is(ok.Count, 0);
});

test('a filter on non-key attributes still works', async () => {
  const r = await s.client.send(new QueryCommand({ TableName: 'semantics', ...byPk, FilterExpression: 'note = :p' }));
  assert.is(r.Count, 0);
});

// scylladb/scylladb#5862 (test run against DynamoDB): an update that only deletes attributes does not create a
// missing item; ALL_NEW then has nothing to return.
test('REMOVE on a missing item creates nothing and ALL_NEW returns no Attributes', async () => {
  const Key = { pk: { S: 'missing-1' }, sk: { S: 's' } };
  const r = await s.client.send(
    new UpdateItemCommand({ TableName: 'semantics', Key, UpdateExpression: 'REMOVE a, b', ReturnValues: 'ALL_NEW' }),
  );
  assert.is(r.Attributes, undefined);
  const got = await s.client.send(new GetItemCommand({ TableName: 'semantics', Key, ConsistentRead: true }));
  assert.is(got.Item, undefined);
});

test('DELETE from a set on a missing item creates nothing', async () => {
  const Key = { pk: { S: 'missing-2' }, sk: { S: 's' } };
  await s.client.send(
    new UpdateItemCommand({
      TableName: 'semantics',
      Key,
      UpdateExpression: 'DELETE tags :t',
      ExpressionAttributeValues: { ':t': { SS: ['x'] } },
    }),
  );
  const got = await s.client.send(new GetItemCommand({ TableName: 'semantics', Key, ConsistentRead: true }));
  assert.is(got.Item, undefined);
});

test('legacy AttributeUpdates DELETE on a missing item creates nothing (the #5862 reproducer)', async () => {
  const Key = { pk: { S: 'missing-3' }, sk: { S: 's' } };
  const r = await s.raw('UpdateItem', { TableName: 'semantics', Key, AttributeUpdates: { a: { Action: 'DELETE' } } });
  assert.is(r.status, 200);
  const got = await s.client.send(new GetItemCommand({ TableName: 'semantics', Key, ConsistentRead: true }));
  assert.is(got.Item, undefined);
});

test('an update that also SETs still creates the item; an empty update creates it too', async () => {
  const Key = { pk: { S: 'made-1' }, sk: { S: 's' } };
  await s.client.send(
    new UpdateItemCommand({
      TableName: 'semantics',
      Key,
      UpdateExpression: 'SET x = :v REMOVE a',
      ExpressionAttributeValues: { ':v': { N: '1' } },
    }),
  );
  const got = await s.client.send(new GetItemCommand({ TableName: 'semantics', Key, ConsistentRead: true }));
  assert.equal(got.Item, { ...Key, x: { N: '1' } });
  // scylladb#5862 again: "an update with nothing does create a row marker (see the test_empty_update test)".
  const Key2 = { pk: { S: 'made-2' }, sk: { S: 's' } };
  await s.client.send(new UpdateItemCommand({ TableName: 'semantics', Key: Key2 }));
  const got2 = await s.client.send(new GetItemCommand({ TableName: 'semantics', Key: Key2, ConsistentRead: true }));
  assert.equal(got2.Item, Key2);
});

test('REMOVE on an existing item still removes', async () => {
  const Key = { pk: { S: 'made-1' }, sk: { S: 's' } };
  const r = await s.client.send(
    new UpdateItemCommand({ TableName: 'semantics', Key, UpdateExpression: 'REMOVE x', ReturnValues: 'ALL_NEW' }),
  );
  assert.equal(r.Attributes, Key);
});

// AWS developer guide (TransactWriteItems: "The aggregate size of the items in the transaction cannot exceed
// 4 MB"); the message is the one emulators quote from DynamoDB (ExtendDB PR #21, checked by its conformance suite).
test('a transaction over 4 MB is refused and writes nothing', async () => {
  const TransactItems = Array.from({ length: 11 }, (_, i) => ({
    Put: { TableName: 'semantics', Item: { pk: { S: `big-${i}` }, sk: { S: 's' }, v: { S: 'x'.repeat(390_000) } } },
  }));
  await rejects(
    s.client.send(new TransactWriteItemsCommand({ TransactItems })),
    'ValidationException',
    'Transaction request cannot be larger than 4 MB',
  );
  const got = await s.client.send(
    new GetItemCommand({ TableName: 'semantics', Key: { pk: { S: 'big-0' }, sk: { S: 's' } }, ConsistentRead: true }),
  );
  assert.is(got.Item, undefined);
  // Ten such items (about 3.7 MB) stay under the cap.
  await s.client.send(new TransactWriteItemsCommand({ TransactItems: TransactItems.slice(0, 10) }));
});

// AWS developer guide, "Detecting and correcting index key violations": during an online GSI creation, items whose
// index key has the wrong type or exceeds the key size limit (2048 bytes partition) are not written to the index;
// the index still becomes ACTIVE. Empty strings cannot be index keys on write, so they are left out the same way.
test('an online GSI backfill leaves out items whose new index key is too long, empty or mistyped', async () => {
  await createTable(s.client, {
    TableName: 'backfill',
    KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }],
  });
  const items = {
    ok: { S: 'fine' },
    long: { S: 'x'.repeat(2049) },
    limit: { S: 'y'.repeat(2048) },
    empty: { S: '' },
    mistyped: { N: '5' },
  };
  for (const [p, g] of Object.entries(items)) {
    await s.client.send(new PutItemCommand({ TableName: 'backfill', Item: { p: { S: p }, g } }));
  }
  await s.client.send(
    new UpdateTableCommand({
      TableName: 'backfill',
      AttributeDefinitions: [
        { AttributeName: 'p', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: 'byG',
            KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        },
      ],
    }),
  );
  await waitFor(async () => {
    const t = await s.client.send(new DescribeTableCommand({ TableName: 'backfill' }));
    return t.Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus === 'ACTIVE';
  });
  const indexed = await s.client.send(new ScanCommand({ TableName: 'backfill', IndexName: 'byG' }));
  assert.equal(indexed.Items!.map((i) => i.p!.S).sort(), ['limit', 'ok']);
});

test.run();
