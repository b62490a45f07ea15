// TTL expiry over HTTP: with a short sweep interval, items whose TTL attribute (epoch seconds) has passed are
// deleted from the table and its indexes; others stay. (Deliberately prompter than DynamoDB: README-features.md.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, waitFor } from './features-support.js';

let ddb: DynamoDBHarness;
test.before(async () => {
  ddb = await startDynamoDB({ ttlSweepIntervalMs: 25 });
  await createTable(ddb.client, 'sessions', {
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'user', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byUser',
        KeySchema: [{ AttributeName: 'user', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
});
test.after(async () => ddb?.close());

const nowSeconds = () => Math.floor(Date.now() / 1000);
const put = (id: string, expires?: { N: string } | { S: string }) =>
  ddb.client.send(
    new PutItemCommand({
      TableName: 'sessions',
      Item: { id: { S: id }, user: { S: 'u1' }, ...(expires ? { expiresAt: expires } : {}) },
    }),
  );
const ids = async () =>
  ((await ddb.client.send(new ScanCommand({ TableName: 'sessions' }))).Items ?? []).map((i) => i.id!.S!).sort();

test('items written before TTL is enabled are expired too (the index is rebuilt on enable)', async () => {
  await put('old-expired', { N: String(nowSeconds() - 60) });
  await ddb.client.send(
    new UpdateTimeToLiveCommand({
      TableName: 'sessions',
      TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
    }),
  );
  await waitFor(async () => !(await ids()).includes('old-expired'));
});

test('expired items disappear from the table and its GSI; future, non-numeric and absent TTLs stay', async () => {
  await put('expired', { N: String(nowSeconds() - 10) });
  await put('fractional-expired', { N: `${nowSeconds() - 5}.5` });
  await put('future', { N: String(nowSeconds() + 3600) });
  await put('string-ttl', { S: String(nowSeconds() - 10) });
  await put('no-ttl');
  await put('ancient', { N: String(nowSeconds() - 6 * 365 * 24 * 3600) });
  await waitFor(async () => {
    const left = await ids();
    return !left.includes('expired') && !left.includes('fractional-expired');
  });
  assert.equal(await ids(), ['ancient', 'future', 'no-ttl', 'string-ttl']);
  const byUser = await ddb.client.send(
    new QueryCommand({
      TableName: 'sessions',
      IndexName: 'byUser',
      KeyConditionExpression: '#u = :u',
      ExpressionAttributeNames: { '#u': 'user' },
      ExpressionAttributeValues: { ':u': { S: 'u1' } },
    }),
  );
  assert.equal(byUser.Items!.map((i) => i.id!.S).sort(), ['ancient', 'future', 'no-ttl', 'string-ttl']);
});

test('moving an expiry into the future keeps the item; into the past deletes it', async () => {
  // Far enough ahead that a slow, loaded machine still updates it before it expires.
  await put('moving', { N: String(nowSeconds() + 3) });
  await ddb.client.send(
    new UpdateItemCommand({
      TableName: 'sessions',
      Key: { id: { S: 'moving' } },
      UpdateExpression: 'SET expiresAt = :t',
      ExpressionAttributeValues: { ':t': { N: String(nowSeconds() + 3600) } },
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 4100)); // past the old expiry second
  const kept = await ddb.client.send(new GetItemCommand({ TableName: 'sessions', Key: { id: { S: 'moving' } } }));
  assert.ok(kept.Item, 'an item whose TTL moved forward survives its old expiry');
  await ddb.client.send(
    new UpdateItemCommand({
      TableName: 'sessions',
      Key: { id: { S: 'moving' } },
      UpdateExpression: 'SET expiresAt = :t',
      ExpressionAttributeValues: { ':t': { N: String(nowSeconds() - 1) } },
    }),
  );
  await waitFor(async () => !(await ids()).includes('moving'));
  await ddb.client.send(new DeleteItemCommand({ TableName: 'sessions', Key: { id: { S: 'no-ttl' } } }));
});

test('after TTL is disabled nothing expires', async () => {
  await ddb.client.send(
    new UpdateTimeToLiveCommand({
      TableName: 'sessions',
      TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' },
    }),
  );
  await put('kept', { N: String(nowSeconds() - 10) });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.ok((await ids()).includes('kept'));
});

test.run();
