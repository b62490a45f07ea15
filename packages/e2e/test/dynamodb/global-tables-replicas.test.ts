// Global tables version 2019.11.21 (UpdateTable ReplicaUpdates, the ACK Table's spec.tableReplicas) over HTTP:
// adding a replica creates the table in the other region with the data, writes replicate both ways, removing
// the replica deletes that region's table, and DescribeTable shows Replicas / GlobalTableVersion accordingly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DescribeGlobalTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  GetItemCommand,
  ListGlobalTablesCommand,
  PutItemCommand,
  UpdateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, expectError, waitFor } from './features-support.js';

let ddb: DynamoDBHarness;
let west: DynamoDBClient;
let eu: DynamoDBClient;
test.before(async () => {
  ddb = await startDynamoDB({ ttlSweepIntervalMs: 0, tableDelayMs: 30 });
  west = ddb.client;
  eu = ddb.clientFor({ region: 'eu-west-1' });
  await createTable(west, 'carts', {
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'customerId', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'idx_global_customerId',
        KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
  await west.send(new PutItemCommand({ TableName: 'carts', Item: { id: { S: 'before' }, customerId: { S: 'c1' } } }));
});
test.after(async () => ddb?.close());

const describe = async (client: DynamoDBClient) =>
  (await client.send(new DescribeTableCommand({ TableName: 'carts' }))).Table!;
const get = async (client: DynamoDBClient, id: string) =>
  (await client.send(new GetItemCommand({ TableName: 'carts', Key: { id: { S: id } } }))).Item;

test('adding a replica creates the table in that region, with the data and the NEW_AND_OLD_IMAGES stream', async () => {
  const out = await west.send(
    new UpdateTableCommand({ TableName: 'carts', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }),
  );
  assert.is(out.TableDescription!.GlobalTableVersion, '2019.11.21');
  assert.equal(out.TableDescription!.Replicas, [{ RegionName: 'eu-west-1', ReplicaStatus: 'ACTIVE' }]);
  assert.equal(out.TableDescription!.StreamSpecification, {
    StreamEnabled: true,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  });
  await waitFor(async () => (await describe(west)).TableStatus === 'ACTIVE');
  await waitFor(async () => (await describe(eu).catch(() => undefined))?.TableStatus === 'ACTIVE');
  const replica = await describe(eu);
  assert.is(replica.TableArn, (await describe(west)).TableArn!.replace('us-west-2', 'eu-west-1'));
  assert.equal(replica.Replicas, [{ RegionName: 'us-west-2', ReplicaStatus: 'ACTIVE' }]);
  assert.is(replica.GlobalSecondaryIndexes![0]!.IndexName, 'idx_global_customerId');
  await waitFor(async () => (await get(eu, 'before')) !== undefined);
});

test('writes replicate both ways', async () => {
  await eu.send(new PutItemCommand({ TableName: 'carts', Item: { id: { S: 'from-eu' }, customerId: { S: 'c2' } } }));
  await waitFor(async () => (await get(west, 'from-eu')) !== undefined);
  await west.send(
    new PutItemCommand({ TableName: 'carts', Item: { id: { S: 'from-west' }, customerId: { S: 'c3' } } }),
  );
  await waitFor(async () => (await get(eu, 'from-west')) !== undefined);
});

test('TTL settings stay aligned on every replica', async () => {
  await west.send(
    new UpdateTimeToLiveCommand({
      TableName: 'carts',
      TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
    }),
  );
  const ttl = await eu.send(new DescribeTimeToLiveCommand({ TableName: 'carts' }));
  assert.equal(ttl.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  await eu.send(
    new UpdateTimeToLiveCommand({
      TableName: 'carts',
      TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' },
    }),
  );
  assert.equal((await west.send(new DescribeTimeToLiveCommand({ TableName: 'carts' }))).TimeToLiveDescription, {
    TimeToLiveStatus: 'DISABLED',
  });
});

test('version 2019.11.21 groups are not legacy global tables', async () => {
  assert.equal((await west.send(new ListGlobalTablesCommand({}))).GlobalTables, []);
  await expectError(
    west.send(new DescribeGlobalTableCommand({ GlobalTableName: 'carts' })),
    'GlobalTableNotFoundException',
    /does not exist/,
  );
});

test('ReplicaUpdates errors', async () => {
  await expectError(
    west.send(
      new UpdateTableCommand({ TableName: 'carts', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }),
    ),
    'ValidationException',
    'Failed to create a the new replica of table with name: ‘carts’ because one or more replicas already existed as tables.',
  );
  await expectError(
    west.send(
      new UpdateTableCommand({ TableName: 'carts', ReplicaUpdates: [{ Delete: { RegionName: 'ap-south-1' } }] }),
    ),
    'ValidationException',
    'Update global table operation failed because one or more replicas were not part of the global table. Please retry the request without these replicas: [ap-south-1].',
  );
  await expectError(
    west.send(
      new UpdateTableCommand({
        TableName: 'carts',
        ReplicaUpdates: [{ Create: { RegionName: 'us-east-1' } }, { Create: { RegionName: 'us-east-2' } }],
      }),
    ),
    'ValidationException',
    'Update table operation with more than one create or delete replica actions not allowed',
  );
});

test('removing the replica deletes its table; the last table is regional again', async () => {
  await waitFor(async () => (await describe(west)).TableStatus === 'ACTIVE');
  const out = await west.send(
    new UpdateTableCommand({ TableName: 'carts', ReplicaUpdates: [{ Delete: { RegionName: 'eu-west-1' } }] }),
  );
  assert.is(out.TableDescription!.Replicas, undefined);
  assert.is(out.TableDescription!.GlobalTableVersion, undefined);
  await waitFor(async () => {
    try {
      await describe(eu);
      return false;
    } catch (e) {
      return (e as Error).name === 'ResourceNotFoundException';
    }
  });
  await west.send(new PutItemCommand({ TableName: 'carts', Item: { id: { S: 'after' }, customerId: { S: 'c1' } } }));
  assert.ok(await get(west, 'after'));
});

test.run();
