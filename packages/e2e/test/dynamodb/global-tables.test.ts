// Global tables (2017.11.29 API, as the ACK GlobalTable resource uses) over HTTP with clients of two regions
// against one endpoint: creation rules, replication of puts, updates and deletes both ways (without echo loops),
// adding a replica (seeded with the existing data) and removing one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CreateGlobalTableCommand,
  DeleteItemCommand,
  DescribeGlobalTableCommand,
  DescribeGlobalTableSettingsCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListGlobalTablesCommand,
  PutItemCommand,
  ScanCommand,
  UpdateGlobalTableCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, expectError, waitFor } from './features-support.js';

let ddb: DynamoDBHarness;
let west: DynamoDBClient;
let eu: DynamoDBClient;
let east: DynamoDBClient;
const STREAMS = { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const } };

test.before(async () => {
  ddb = await startDynamoDB({ ttlSweepIntervalMs: 0 });
  west = ddb.client;
  eu = ddb.clientFor({ region: 'eu-west-1' });
  east = ddb.clientFor({ region: 'us-east-1' });
  await createTable(west, 'users', STREAMS);
  await createTable(eu, 'users', STREAMS);
});
test.after(async () => ddb?.close());

const get = async (client: DynamoDBClient, id: string) =>
  (await client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: id } } }))).Item;
const count = async (client: DynamoDBClient) =>
  (await client.send(new ScanCommand({ TableName: 'users', Select: 'COUNT' }))).Count;

test('CreateGlobalTable checks every replica region', async () => {
  await expectError(
    west.send(
      new CreateGlobalTableCommand({
        GlobalTableName: 'users',
        ReplicationGroup: [{ RegionName: 'us-west-2' }, { RegionName: 'ap-south-1' }],
      }),
    ),
    'TableNotFoundException',
    'Table not found: users in region ap-south-1',
  );
  await createTable(west, 'nostreams');
  await createTable(eu, 'nostreams');
  await expectError(
    west.send(
      new CreateGlobalTableCommand({
        GlobalTableName: 'nostreams',
        ReplicationGroup: [{ RegionName: 'us-west-2' }, { RegionName: 'eu-west-1' }],
      }),
    ),
    'ValidationException',
    'One or more parameter values were invalid: Table nostreams in region us-west-2 must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES',
  );
  await expectError(
    west.send(new DescribeGlobalTableCommand({ GlobalTableName: 'users' })),
    'GlobalTableNotFoundException',
    "Global table not found: Global table with name: 'users' does not exist.",
  );
});

test('CreateGlobalTable / DescribeGlobalTable / ListGlobalTables', async () => {
  const created = await west.send(
    new CreateGlobalTableCommand({
      GlobalTableName: 'users',
      ReplicationGroup: [{ RegionName: 'us-west-2' }, { RegionName: 'eu-west-1' }],
    }),
  );
  const description = created.GlobalTableDescription!;
  assert.is(description.GlobalTableName, 'users');
  assert.is(description.GlobalTableStatus, 'ACTIVE');
  assert.is(description.GlobalTableArn, 'arn:aws:dynamodb::000000000000:global-table/users');
  assert.equal(description.ReplicationGroup, [{ RegionName: 'us-west-2' }, { RegionName: 'eu-west-1' }]);
  assert.instance(description.CreationDateTime, Date);
  // The global table is an account-level resource: visible from either region.
  assert.equal(
    (await eu.send(new DescribeGlobalTableCommand({ GlobalTableName: 'users' }))).GlobalTableDescription,
    description,
  );
  assert.equal((await west.send(new ListGlobalTablesCommand({}))).GlobalTables, [
    { GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-west-2' }, { RegionName: 'eu-west-1' }] },
  ]);
  assert.equal((await west.send(new ListGlobalTablesCommand({ RegionName: 'ap-south-1' }))).GlobalTables, []);
  assert.is((await eu.send(new DescribeTableCommand({ TableName: 'users' }))).Table!.GlobalTableVersion, '2017.11.29');
  await expectError(
    west.send(
      new CreateGlobalTableCommand({ GlobalTableName: 'users', ReplicationGroup: [{ RegionName: 'us-west-2' }] }),
    ),
    'GlobalTableAlreadyExistsException',
    "Global table with name: 'users' already exists.",
  );
});

test('writes replicate both ways, deletes too, and settle without echo loops', async () => {
  await west.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'alice' }, plan: { S: 'free' } } }));
  await waitFor(async () => (await get(eu, 'alice'))?.plan?.S === 'free');

  await eu.send(
    new UpdateItemCommand({
      TableName: 'users',
      Key: { id: { S: 'alice' } },
      UpdateExpression: 'SET #p = :p',
      ExpressionAttributeNames: { '#p': 'plan' },
      ExpressionAttributeValues: { ':p': { S: 'pro' } },
    }),
  );
  await waitFor(async () => (await get(west, 'alice'))?.plan?.S === 'pro');

  await eu.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'bob' } } }));
  await waitFor(async () => (await get(west, 'bob')) !== undefined);
  await west.send(new DeleteItemCommand({ TableName: 'users', Key: { id: { S: 'bob' } } }));
  await waitFor(async () => (await get(eu, 'bob')) === undefined);

  // Once replication has caught up, nothing keeps writing.
  let writes = 0;
  const listener = () => void writes++;
  ddb.engine.storage.writeListeners.push(listener);
  await new Promise((resolve) => setTimeout(resolve, 200));
  ddb.engine.storage.writeListeners.splice(ddb.engine.storage.writeListeners.indexOf(listener), 1);
  assert.is(writes, 0, 'no ping-pong between replicas');
  assert.equal(await get(west, 'alice'), await get(eu, 'alice'));
});

test('UpdateGlobalTable adds a replica seeded with the data, and removes one', async () => {
  await createTable(east, 'users', STREAMS);
  const updated = await west.send(
    new UpdateGlobalTableCommand({
      GlobalTableName: 'users',
      ReplicaUpdates: [{ Create: { RegionName: 'us-east-1' } }],
    }),
  );
  assert.equal(
    updated.GlobalTableDescription!.ReplicationGroup!.map((r) => r.RegionName),
    ['us-west-2', 'eu-west-1', 'us-east-1'],
  );
  await waitFor(async () => (await get(east, 'alice'))?.plan?.S === 'pro');
  await east.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'carol' } } }));
  await waitFor(async () => (await get(west, 'carol')) !== undefined && (await get(eu, 'carol')) !== undefined);

  const settings = await west.send(new DescribeGlobalTableSettingsCommand({ GlobalTableName: 'users' }));
  assert.equal(
    settings.ReplicaSettings!.map((r) => [r.RegionName, r.ReplicaStatus]),
    [
      ['us-west-2', 'ACTIVE'],
      ['eu-west-1', 'ACTIVE'],
      ['us-east-1', 'ACTIVE'],
    ],
  );

  await expectError(
    west.send(
      new UpdateGlobalTableCommand({
        GlobalTableName: 'users',
        ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }],
      }),
    ),
    'ReplicaAlreadyExistsException',
    'Replica already exists in region eu-west-1 for global table users',
  );
  await west.send(
    new UpdateGlobalTableCommand({
      GlobalTableName: 'users',
      ReplicaUpdates: [{ Delete: { RegionName: 'us-east-1' } }],
    }),
  );
  assert.is((await east.send(new DescribeTableCommand({ TableName: 'users' }))).Table!.GlobalTableVersion, undefined);
  await west.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'dave' } } }));
  await waitFor(async () => (await get(eu, 'dave')) !== undefined);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.is(await get(east, 'dave'), undefined, 'a removed replica no longer receives writes');
  assert.is(await count(east), 2);
  await expectError(
    west.send(
      new UpdateGlobalTableCommand({
        GlobalTableName: 'users',
        ReplicaUpdates: [{ Delete: { RegionName: 'us-east-1' } }],
      }),
    ),
    'ReplicaNotFoundException',
    'Replica not found in region us-east-1 for global table users',
  );
  await expectError(
    west.send(
      new UpdateGlobalTableCommand({
        GlobalTableName: 'ghost',
        ReplicaUpdates: [{ Delete: { RegionName: 'us-east-1' } }],
      }),
    ),
    'GlobalTableNotFoundException',
    "Global table not found: Global table with name: 'ghost' does not exist.",
  );
  await expectError(
    west.send(new DescribeGlobalTableSettingsCommand({ GlobalTableName: 'ghost' })),
    'GlobalTableNotFoundException',
    "Global table with name: 'ghost' does not exist.",
  );
});

test('a replica that is not empty cannot join', async () => {
  await createTable(east, 'orders', STREAMS);
  await createTable(west, 'orders', STREAMS);
  await east.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'o1' } } }));
  await expectError(
    west.send(
      new CreateGlobalTableCommand({
        GlobalTableName: 'orders',
        ReplicationGroup: [{ RegionName: 'us-west-2' }, { RegionName: 'us-east-1' }],
      }),
    ),
    'ValidationException',
    'One or more parameter values were invalid: Table orders in region us-east-1 is not empty',
  );
});

test.run();
