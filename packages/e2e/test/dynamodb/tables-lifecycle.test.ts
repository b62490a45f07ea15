// Table lifecycle through the AWS SDK v3: CreateTable → CREATING → ACTIVE, DescribeTable's exact shape (the ACK
// convergence traps), ListTables paging, DeleteTable, deletion protection, and tables surviving a restart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeEndpointsCommand,
  DescribeLimitsCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { rejects, workshopTable } from './tables-helpers.js';

let ddb: DynamoDBHarness;

test.before(async () => {
  ddb = await startDynamoDB();
});
test.after(async () => {
  await ddb?.close();
});

const describe = async (h: DynamoDBHarness, TableName: string) =>
  (await h.client.send(new DescribeTableCommand({ TableName }))).Table!;

test('CreateTable answers CREATING (GSIs too); ACTIVE by the next read with tableDelayMs 0', async () => {
  const created = (await ddb.client.send(new CreateTableCommand(workshopTable('carts')))).TableDescription!;
  assert.is(created.TableStatus, 'CREATING');
  assert.is(created.GlobalSecondaryIndexes![0]!.IndexStatus, 'CREATING');
  const table = await describe(ddb, 'carts');
  assert.is(table.TableStatus, 'ACTIVE');
  assert.is(table.GlobalSecondaryIndexes![0]!.IndexStatus, 'ACTIVE');
  assert.is(table.TableId, created.TableId);
});

test('DescribeTable is exact about absent vs zero fields (PAY_PER_REQUEST)', async () => {
  const raw = await ddb.client.send(new DescribeTableCommand({ TableName: 'carts' }));
  const t = raw.Table!;
  assert.equal(t.AttributeDefinitions, [
    { AttributeName: 'customerId', AttributeType: 'S' },
    { AttributeName: 'id', AttributeType: 'S' },
  ]);
  assert.equal(t.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
  assert.is(t.TableArn, 'arn:aws:dynamodb:us-west-2:000000000000:table/carts');
  assert.match(t.TableId!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.instance(t.CreationDateTime, Date);
  assert.equal(t.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  assert.equal(t.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
  assert.is(t.DeletionProtectionEnabled, false);
  assert.is(t.ItemCount, 0);
  assert.is(t.TableSizeBytes, 0);
  for (const absent of [
    'StreamSpecification',
    'LatestStreamArn',
    'SSEDescription',
    'OnDemandThroughput',
    'TableClassSummary',
    'LocalSecondaryIndexes',
  ]) {
    assert.is((t as Record<string, unknown>)[absent], undefined, `${absent} must be absent`);
  }
  assert.equal(t.GlobalSecondaryIndexes, [
    {
      IndexName: 'idx_global_customerId',
      KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'ALL' },
      IndexStatus: 'ACTIVE',
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: 'arn:aws:dynamodb:us-west-2:000000000000:table/carts/index/idx_global_customerId',
    },
  ]);
});

test('live ItemCount / TableSizeBytes and GSI counts follow item writes', async () => {
  await ddb.client.send(new PutItemCommand({ TableName: 'carts', Item: { id: { S: 'a' }, customerId: { S: 'c1' } } }));
  await ddb.client.send(new PutItemCommand({ TableName: 'carts', Item: { id: { S: 'b' } } }));
  const t = await describe(ddb, 'carts');
  assert.is(t.ItemCount, 2);
  assert.ok(t.TableSizeBytes! > 0);
  assert.is(t.GlobalSecondaryIndexes![0]!.ItemCount, 1);
});

test('PROVISIONED tables with LSIs, streams, SSE, table class, tags and deletion protection', async () => {
  const input: CreateTableCommandInput = {
    TableName: 'orders',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'status', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'status', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['zz', 'aa'] },
      },
    ],
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    SSESpecification: { Enabled: true },
    TableClass: 'STANDARD_INFREQUENT_ACCESS',
    DeletionProtectionEnabled: true,
    Tags: [{ Key: 'team', Value: 'carts' }],
  };
  await ddb.client.send(new CreateTableCommand(input));
  const t = await describe(ddb, 'orders');
  assert.is(t.BillingModeSummary, undefined, 'BillingMode never given: no summary');
  assert.equal(t.ProvisionedThroughput, { NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 3 });
  assert.equal(t.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  assert.match(t.LatestStreamArn!, /^arn:aws:dynamodb:us-west-2:000000000000:table\/orders\/stream\/\d{4}-\d\d-\d\dT/);
  assert.is(t.SSEDescription?.Status, 'ENABLED');
  assert.is(t.SSEDescription?.SSEType, 'KMS');
  assert.match(t.SSEDescription!.KMSMasterKeyArn!, /^arn:aws:kms:us-west-2:000000000000:key\//);
  assert.is(t.TableClassSummary?.TableClass, 'STANDARD_INFREQUENT_ACCESS');
  assert.is(t.DeletionProtectionEnabled, true);
  assert.equal(t.LocalSecondaryIndexes, [
    {
      IndexName: 'byStatus',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'status', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['aa', 'zz'] },
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: 'arn:aws:dynamodb:us-west-2:000000000000:table/orders/index/byStatus',
    },
  ]);
});

test('deletion protection refuses DeleteTable until it is turned off', async () => {
  await rejects(
    ddb.client.send(new DeleteTableCommand({ TableName: 'orders' })),
    'ValidationException',
    'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
  );
  const updated = await ddb.client.send(
    new UpdateTableCommand({ TableName: 'orders', DeletionProtectionEnabled: false }),
  );
  assert.is(updated.TableDescription!.TableStatus, 'UPDATING');
  assert.is(updated.TableDescription!.DeletionProtectionEnabled, false);
  const deleted = await ddb.client.send(new DeleteTableCommand({ TableName: 'orders' }));
  assert.is(deleted.TableDescription!.TableStatus, 'DELETING');
  await rejects(
    describe(ddb, 'orders'),
    'ResourceNotFoundException',
    'Requested resource not found: Table: orders not found',
  );
});

test('an existing name is ResourceInUse; a missing table is ResourceNotFound', async () => {
  await rejects(
    ddb.client.send(new CreateTableCommand(workshopTable('carts'))),
    'ResourceInUseException',
    'Table already exists: carts',
  );
  await rejects(
    describe(ddb, 'nope'),
    'ResourceNotFoundException',
    'Requested resource not found: Table: nope not found',
  );
  await rejects(
    ddb.client.send(new DeleteTableCommand({ TableName: 'nope' })),
    'ResourceNotFoundException',
    'Requested resource not found: Table: nope not found',
  );
  await rejects(
    ddb.client.send(new UpdateTableCommand({ TableName: 'nope', DeletionProtectionEnabled: true })),
    'ResourceNotFoundException',
    'Requested resource not found: Table: nope not found',
  );
});

test('ListTables pages by name with Limit and ExclusiveStartTableName', async () => {
  const names = ['t-b', 't-a', 'T-c', 't.d', 't_e'];
  for (const name of names) await ddb.client.send(new CreateTableCommand(workshopTable(name)));
  const all = (await ddb.client.send(new ListTablesCommand({}))).TableNames;
  assert.equal(all, ['T-c', 'carts', 't-a', 't-b', 't.d', 't_e']);
  const pages: string[][] = [];
  let start: string | undefined;
  do {
    const page = await ddb.client.send(new ListTablesCommand({ Limit: 4, ExclusiveStartTableName: start }));
    pages.push(page.TableNames!);
    start = page.LastEvaluatedTableName;
  } while (start);
  assert.equal(pages, [
    ['T-c', 'carts', 't-a', 't-b'],
    ['t.d', 't_e'],
  ]);
  const exact = await ddb.client.send(new ListTablesCommand({ Limit: 6 }));
  assert.is(exact.LastEvaluatedTableName, undefined);
  for (const name of names) await ddb.client.send(new DeleteTableCommand({ TableName: name }));
  assert.equal((await ddb.client.send(new ListTablesCommand({}))).TableNames, ['carts']);
});

test('with tableDelayMs 50 (real time): CREATING, then ACTIVE once 50 ms have passed', async () => {
  const slow = await startDynamoDB({ tableDelayMs: 50 });
  try {
    const started = Date.now();
    const created = await slow.client.send(new CreateTableCommand(workshopTable('slow')));
    assert.is(created.TableDescription!.TableStatus, 'CREATING');
    let table = await describe(slow, 'slow');
    while (table.TableStatus === 'CREATING' && Date.now() - started < 5000) {
      await new Promise((r) => setTimeout(r, 10));
      table = await describe(slow, 'slow');
    }
    assert.is(table.TableStatus, 'ACTIVE');
    assert.ok(Date.now() - started >= 50);
    assert.is(table.GlobalSecondaryIndexes![0]!.IndexStatus, 'ACTIVE');
  } finally {
    await slow.close();
  }
});

test('while CREATING / UPDATING / DELETING (controlled clock, tableDelayMs 50)', async () => {
  let clock = Date.now();
  const slow = await startDynamoDB({ tableDelayMs: 50, now: () => clock });
  const later = (ms: number) => (clock += ms);
  try {
    await slow.client.send(new CreateTableCommand(workshopTable('slow')));
    assert.is((await describe(slow, 'slow')).TableStatus, 'CREATING');
    assert.is((await describe(slow, 'slow')).GlobalSecondaryIndexes![0]!.IndexStatus, 'CREATING');
    assert.equal((await slow.client.send(new ListTablesCommand({}))).TableNames, ['slow']);
    await rejects(
      slow.client.send(new PutItemCommand({ TableName: 'slow', Item: { id: { S: 'x' } } })),
      'ResourceNotFoundException',
      'Requested resource not found',
    );
    await rejects(
      slow.client.send(new UpdateTableCommand({ TableName: 'slow', DeletionProtectionEnabled: true })),
      'ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being created: slow',
    );
    await rejects(
      slow.client.send(new DeleteTableCommand({ TableName: 'slow' })),
      'ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being created: slow',
    );
    later(49);
    assert.is((await describe(slow, 'slow')).TableStatus, 'CREATING');
    later(1);
    const active = await describe(slow, 'slow');
    assert.is(active.TableStatus, 'ACTIVE');
    assert.is(active.GlobalSecondaryIndexes![0]!.IndexStatus, 'ACTIVE');
    await slow.client.send(new PutItemCommand({ TableName: 'slow', Item: { id: { S: 'x' } } }));
    const updating = await slow.client.send(
      new UpdateTableCommand({ TableName: 'slow', DeletionProtectionEnabled: true }),
    );
    assert.is(updating.TableDescription!.TableStatus, 'UPDATING');
    assert.is((await describe(slow, 'slow')).TableStatus, 'UPDATING');
    // Item operations keep working while UPDATING.
    const got = await slow.client.send(new GetItemCommand({ TableName: 'slow', Key: { id: { S: 'x' } } }));
    assert.equal(got.Item, { id: { S: 'x' } });
    await rejects(
      slow.client.send(
        new UpdateTableCommand({
          TableName: 'slow',
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        }),
      ),
      'ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being updated: slow',
    );
    later(50);
    assert.is((await describe(slow, 'slow')).TableStatus, 'ACTIVE');
    await slow.client.send(new UpdateTableCommand({ TableName: 'slow', DeletionProtectionEnabled: false }));
    await rejects(
      slow.client.send(new DeleteTableCommand({ TableName: 'slow' })),
      'ResourceInUseException',
      'Attempt to change a resource which is still in use: Table is being updated: slow',
    );
    later(50);
    await slow.client.send(new DeleteTableCommand({ TableName: 'slow' }));
    assert.is((await describe(slow, 'slow')).TableStatus, 'DELETING');
    // Deleting a DELETING table again is no error.
    assert.is(
      (await slow.client.send(new DeleteTableCommand({ TableName: 'slow' }))).TableDescription!.TableStatus,
      'DELETING',
    );
    assert.equal((await slow.client.send(new ListTablesCommand({}))).TableNames, ['slow']);
    await rejects(
      slow.client.send(new GetItemCommand({ TableName: 'slow', Key: { id: { S: 'x' } } })),
      'ResourceNotFoundException',
      'Requested resource not found',
    );
    await rejects(
      slow.client.send(new CreateTableCommand(workshopTable('slow'))),
      'ResourceInUseException',
      'Table already exists: slow',
    );
    later(50);
    await rejects(
      describe(slow, 'slow'),
      'ResourceNotFoundException',
      'Requested resource not found: Table: slow not found',
    );
    assert.equal((await slow.client.send(new ListTablesCommand({}))).TableNames, []);
  } finally {
    await slow.close();
  }
});

test('a restart on the same data dir keeps tables, items and ids', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'ack-ddb-restart-'));
  try {
    const first = await startDynamoDB({ dataDir, sync: 'always' });
    await first.client.send(new CreateTableCommand(workshopTable('kept')));
    await first.client.send(
      new PutItemCommand({ TableName: 'kept', Item: { id: { S: '1' }, customerId: { S: 'c' } } }),
    );
    const before = await describe(first, 'kept');
    await first.close();
    const second = await startDynamoDB({ dataDir });
    try {
      const after = await describe(second, 'kept');
      assert.is(after.TableId, before.TableId);
      assert.is(after.TableStatus, 'ACTIVE');
      assert.is(after.ItemCount, 1);
      const q = await second.client.send(
        new QueryCommand({
          TableName: 'kept',
          IndexName: 'idx_global_customerId',
          KeyConditionExpression: 'customerId = :c',
          ExpressionAttributeValues: { ':c': { S: 'c' } },
        }),
      );
      assert.is(q.Count, 1);
      await second.client.send(new CreateTableCommand(workshopTable('another')));
      assert.equal((await second.client.send(new ListTablesCommand({}))).TableNames, ['another', 'kept']);
    } finally {
      await second.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('DescribeLimits and DescribeEndpoints', async () => {
  const limits = await ddb.client.send(new DescribeLimitsCommand({}));
  assert.equal(
    [
      limits.AccountMaxReadCapacityUnits,
      limits.AccountMaxWriteCapacityUnits,
      limits.TableMaxReadCapacityUnits,
      limits.TableMaxWriteCapacityUnits,
    ],
    [80000, 80000, 40000, 40000],
  );
  const endpoints = await ddb.clientFor({ region: 'eu-west-1' }).send(new DescribeEndpointsCommand({}));
  // The endpoint the client called (DynamoDB answers the regional endpoint it was called on; clients that follow
  // endpoint discovery must stay on this server: http-layer.test.ts).
  assert.equal(endpoints.Endpoints, [{ Address: `127.0.0.1:${ddb.port}`, CachePeriodInMinutes: 1440 }]);
});

test('several engines on different data dirs in one process are independent', async () => {
  const other = await startDynamoDB();
  try {
    assert.equal((await other.client.send(new ListTablesCommand({}))).TableNames, []);
    await other.client.send(new CreateTableCommand(workshopTable('carts')));
    assert.is((await describe(other, 'carts')).ItemCount, 0);
    assert.is((await describe(ddb, 'carts')).ItemCount, 2);
  } finally {
    await other.close();
  }
});

test.run();
