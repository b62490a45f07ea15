// UpdateTable through the AWS SDK v3: GSI Create (backfilled from existing items) / Update / Delete, billing mode
// switches, throughput bookkeeping, streams, encryption, table class, on-demand limits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CreateTableCommand,
  DescribeTableCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTableCommand,
  type UpdateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { rejects, workshopTable } from './tables-helpers.js';

let ddb: DynamoDBHarness;
let clock = Date.now();

test.before(async () => {
  // A controlled clock: phases last 100 ms and move only when a test says so.
  ddb = await startDynamoDB({ tableDelayMs: 100, now: () => clock, clientMaxAttempts: 1 });
});
test.after(async () => {
  await ddb?.close();
});

const settle = () => (clock += 100);
const describe = async (TableName: string) => (await ddb.client.send(new DescribeTableCommand({ TableName }))).Table!;
const update = async (input: UpdateTableCommandInput) =>
  (await ddb.client.send(new UpdateTableCommand(input))).TableDescription!;

test('GSI Create: UPDATING/CREATING, backfilled from existing items, then ACTIVE and queryable', async () => {
  await ddb.client.send(new CreateTableCommand(workshopTable('carts')));
  settle();
  for (let i = 0; i < 30; i++) {
    await ddb.client.send(
      new PutItemCommand({
        TableName: 'carts',
        Item: { id: { S: `i${i}` }, customerId: { S: `c${i % 3}` }, status: { S: i % 2 ? 'open' : 'closed' } },
      }),
    );
  }
  const answer = await update({
    TableName: 'carts',
    AttributeDefinitions: [{ AttributeName: 'status', AttributeType: 'S' }],
    GlobalSecondaryIndexUpdates: [
      {
        Create: {
          IndexName: 'byStatus',
          KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      },
    ],
  });
  assert.is(answer.TableStatus, 'UPDATING');
  const created = answer.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'byStatus')!;
  assert.is(created.IndexStatus, 'CREATING');
  assert.is(created.Backfilling, false);
  assert.is(created.IndexArn, 'arn:aws:dynamodb:us-west-2:000000000000:table/carts/index/byStatus');
  assert.equal(
    answer.AttributeDefinitions!.map((d) => d.AttributeName),
    ['customerId', 'id', 'status'],
  );
  await rejects(
    ddb.client.send(
      new QueryCommand({
        TableName: 'carts',
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'open' } },
      }),
    ),
    'ValidationException',
    'Cannot read from backfilling global secondary index: byStatus',
  );
  await rejects(
    ddb.client.send(
      new UpdateTableCommand({
        TableName: 'carts',
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'idx_global_customerId' } }],
      }),
    ),
    'LimitExceededException',
    'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
  );
  settle();
  const table = await describe('carts');
  assert.is(table.TableStatus, 'ACTIVE');
  const index = table.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'byStatus')!;
  assert.is(index.IndexStatus, 'ACTIVE');
  assert.is(index.Backfilling, undefined);
  assert.is(index.ItemCount, 30);
  const open = await ddb.client.send(
    new QueryCommand({
      TableName: 'carts',
      IndexName: 'byStatus',
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'open' } },
    }),
  );
  assert.is(open.Count, 15);
  await rejects(
    ddb.client.send(
      new UpdateTableCommand({
        TableName: 'carts',
        AttributeDefinitions: [{ AttributeName: 'status', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'byStatus',
              KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    ),
    'ValidationException',
    'Attempting to create an index which already exists',
  );
  await rejects(
    ddb.client.send(
      new UpdateTableCommand({
        TableName: 'carts',
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'byOther',
              KeySchema: [{ AttributeName: 'other', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    ),
    'ValidationException',
    'One or more parameter values were invalid: AttributeDefinitions is not specified for index: byOther',
  );
});

test('GSI Delete: DELETING, then gone with the attribute definitions only it used', async () => {
  const answer = await update({
    TableName: 'carts',
    GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byStatus' } }],
  });
  assert.is(answer.TableStatus, 'UPDATING');
  assert.is(answer.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'byStatus')!.IndexStatus, 'DELETING');
  await rejects(
    ddb.client.send(
      new QueryCommand({
        TableName: 'carts',
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'open' } },
      }),
    ),
    'ValidationException',
    'The table does not have the specified index: byStatus',
  );
  settle();
  const table = await describe('carts');
  assert.equal(
    table.GlobalSecondaryIndexes!.map((g) => g.IndexName),
    ['idx_global_customerId'],
  );
  assert.equal(
    table.AttributeDefinitions!.map((d) => d.AttributeName),
    ['customerId', 'id'],
  );
  assert.is(table.ItemCount, 30);
  await rejects(
    ddb.client.send(
      new UpdateTableCommand({
        TableName: 'carts',
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byStatus' } }],
      }),
    ),
    'ResourceNotFoundException',
    'Requested resource not found: Index byStatus for table carts',
  );
});

test('PAY_PER_REQUEST → PROVISIONED (with every GSI) and back', async () => {
  const toProvisioned = await update({
    TableName: 'carts',
    BillingMode: 'PROVISIONED',
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    GlobalSecondaryIndexUpdates: [
      {
        Update: {
          IndexName: 'idx_global_customerId',
          ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
        },
      },
    ],
  });
  assert.is(toProvisioned.TableStatus, 'UPDATING');
  settle();
  let table = await describe('carts');
  assert.is(table.BillingModeSummary?.BillingMode, 'PROVISIONED');
  assert.is(table.ProvisionedThroughput?.ReadCapacityUnits, 5);
  assert.equal(
    {
      r: table.GlobalSecondaryIndexes![0]!.ProvisionedThroughput!.ReadCapacityUnits,
      w: table.GlobalSecondaryIndexes![0]!.ProvisionedThroughput!.WriteCapacityUnits,
      s: table.GlobalSecondaryIndexes![0]!.IndexStatus,
    },
    { r: 3, w: 4, s: 'ACTIVE' },
  );
  await update({ TableName: 'carts', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 9 } });
  settle();
  table = await describe('carts');
  assert.is(table.ProvisionedThroughput!.NumberOfDecreasesToday, 1);
  assert.instance(table.ProvisionedThroughput!.LastIncreaseDateTime, Date);
  assert.instance(table.ProvisionedThroughput!.LastDecreaseDateTime, Date);
  const gsiUpdate = await update({
    TableName: 'carts',
    GlobalSecondaryIndexUpdates: [
      {
        Update: {
          IndexName: 'idx_global_customerId',
          ProvisionedThroughput: { ReadCapacityUnits: 6, WriteCapacityUnits: 4 },
        },
      },
    ],
  });
  assert.is(gsiUpdate.TableStatus, 'ACTIVE', 'a GSI throughput update leaves the table ACTIVE');
  assert.is(gsiUpdate.GlobalSecondaryIndexes![0]!.IndexStatus, 'UPDATING');
  settle();
  const back = await update({ TableName: 'carts', BillingMode: 'PAY_PER_REQUEST' });
  assert.is(back.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  assert.instance(back.BillingModeSummary?.LastUpdateToPayPerRequestDateTime, Date);
  assert.equal(
    [
      back.ProvisionedThroughput?.ReadCapacityUnits,
      back.GlobalSecondaryIndexes![0]!.ProvisionedThroughput?.ReadCapacityUnits,
    ],
    [0, 0],
  );
  settle();
  // Re-sending the current billing mode is accepted.
  assert.is((await update({ TableName: 'carts', BillingMode: 'PAY_PER_REQUEST' })).TableStatus, 'UPDATING');
  settle();
});

test('streams on and off, encryption, table class, on-demand limits', async () => {
  const on = await update({
    TableName: 'carts',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  assert.equal(on.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  assert.match(on.LatestStreamArn!, /table\/carts\/stream\//);
  settle();
  await rejects(
    ddb.client.send(
      new UpdateTableCommand({
        TableName: 'carts',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    ),
    'ValidationException',
    'Table already has an enabled stream: TableName: carts',
  );
  const off = await update({ TableName: 'carts', StreamSpecification: { StreamEnabled: false } });
  assert.equal(off.StreamSpecification, { StreamEnabled: false });
  settle();
  const sse = await update({
    TableName: 'carts',
    SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/custom' },
  });
  assert.is(sse.TableStatus, 'ACTIVE');
  assert.equal(sse.SSEDescription, {
    Status: 'ENABLED',
    SSEType: 'KMS',
    KMSMasterKeyArn: 'arn:aws:kms:us-west-2:000000000000:alias/custom',
  });
  await rejects(
    ddb.client.send(
      new UpdateTableCommand({
        TableName: 'carts',
        SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/custom' },
      }),
    ),
    'ValidationException',
    'One or more parameter values were invalid: Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key',
  );
  assert.is((await update({ TableName: 'carts', SSESpecification: { Enabled: false } })).SSEDescription, undefined);
  const cls = await update({ TableName: 'carts', TableClass: 'STANDARD_INFREQUENT_ACCESS' });
  assert.is(cls.TableClassSummary?.TableClass, 'STANDARD_INFREQUENT_ACCESS');
  settle();
  const odt = await update({
    TableName: 'carts',
    OnDemandThroughput: { MaxReadRequestUnits: 100, MaxWriteRequestUnits: 50 },
  });
  assert.is(odt.TableStatus, 'ACTIVE');
  assert.equal(odt.OnDemandThroughput, { MaxReadRequestUnits: 100, MaxWriteRequestUnits: 50 });
  assert.equal((await describe('carts')).OnDemandThroughput, { MaxReadRequestUnits: 100, MaxWriteRequestUnits: 50 });
});

test('a GSI added to a PAY_PER_REQUEST table ignores a throughput sent along (the ACK controller sends 1/1)', async () => {
  const answer = await update({
    TableName: 'carts',
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'customerId', AttributeType: 'S' },
      { AttributeName: 'sku', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexUpdates: [
      {
        Create: {
          IndexName: 'bySku',
          KeySchema: [{ AttributeName: 'sku', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        },
      },
    ],
  });
  const created = answer.GlobalSecondaryIndexes!.find((g) => g.IndexName === 'bySku')!;
  assert.equal(created.ProvisionedThroughput, {
    NumberOfDecreasesToday: 0,
    ReadCapacityUnits: 0,
    WriteCapacityUnits: 0,
  });
  settle();
  assert.is(
    (await describe('carts')).GlobalSecondaryIndexes!.find((g) => g.IndexName === 'bySku')!.IndexStatus,
    'ACTIVE',
  );
});

test.run();
