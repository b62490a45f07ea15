// On-demand backups over HTTP: create, describe, list (filters, paging), restore round trip of items and
// indexes, delete, and the errors DynamoDB answers with.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  DeleteBackupCommand,
  DescribeBackupCommand,
  DescribeTableCommand,
  ListBackupsCommand,
  PutItemCommand,
  QueryCommand,
  RestoreTableFromBackupCommand,
  ScanCommand,
  TagResourceCommand,
  UpdateTimeToLiveCommand,
  ListTagsOfResourceCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, expectError, waitFor } from './features-support.js';

let ddb: DynamoDBHarness;
let sourceArn: string;
const ITEMS = 1234; // more than one backup chunk (500) and one BatchWrite
test.before(async () => {
  ddb = await startDynamoDB({ ttlSweepIntervalMs: 0, tableDelayMs: 30 });
  sourceArn = (
    await createTable(ddb.client, 'carts', {
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
    })
  ).TableArn!;
  for (let i = 0; i < ITEMS; i += 25) {
    const batch = Array.from({ length: Math.min(25, ITEMS - i) }, (_, j) => ({
      PutRequest: {
        Item: { id: { S: `item-${i + j}` }, customerId: { S: `c${(i + j) % 7}` }, quantity: { N: String(i + j) } },
      },
    }));
    await ddb.client.send(new BatchWriteItemCommand({ RequestItems: { carts: batch } }));
  }
  await ddb.client.send(new TagResourceCommand({ ResourceArn: sourceArn, Tags: [{ Key: 'team', Value: 'carts' }] }));
  await ddb.client.send(
    new UpdateTimeToLiveCommand({
      TableName: 'carts',
      TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' },
    }),
  );
});
test.after(async () => ddb?.close());

const scanAll = async (table: string) => {
  const items: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, any> | undefined;
  do {
    const page = await ddb.client.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((a, b) => (a.id.S < b.id.S ? -1 : 1));
};

test('CreateBackup → DescribeBackup → RestoreTableFromBackup round trip', async () => {
  const { client } = ddb;
  const created = await client.send(new CreateBackupCommand({ TableName: 'carts', BackupName: 'nightly' }));
  const details = created.BackupDetails!;
  assert.match(details.BackupArn!, new RegExp(`^${sourceArn}/backup/\\d{14}-[0-9a-f]{8}$`));
  assert.is(details.BackupName, 'nightly');
  assert.is(details.BackupStatus, 'AVAILABLE');
  assert.is(details.BackupType, 'USER');
  assert.ok(details.BackupSizeBytes! > 0);
  assert.instance(details.BackupCreationDateTime, Date);

  // Writes after the backup are not in it.
  await client.send(
    new PutItemCommand({ TableName: 'carts', Item: { id: { S: 'after-backup' }, customerId: { S: 'c1' } } }),
  );

  const described = (await client.send(new DescribeBackupCommand({ BackupArn: details.BackupArn }))).BackupDescription!;
  assert.equal(described.BackupDetails, details);
  assert.is(described.SourceTableDetails!.TableName, 'carts');
  assert.is(described.SourceTableDetails!.TableArn, sourceArn);
  assert.is(described.SourceTableDetails!.ItemCount, ITEMS);
  assert.is(described.SourceTableDetails!.BillingMode, 'PAY_PER_REQUEST');
  assert.is(described.SourceTableFeatureDetails!.GlobalSecondaryIndexes![0]!.IndexName, 'idx_global_customerId');
  assert.equal(described.SourceTableFeatureDetails!.TimeToLiveDescription, {
    TimeToLiveStatus: 'ENABLED',
    AttributeName: 'ttl',
  });

  const restored = await client.send(
    new RestoreTableFromBackupCommand({ TargetTableName: 'carts-restored', BackupArn: details.BackupArn }),
  );
  const description = restored.TableDescription!;
  assert.is(description.TableName, 'carts-restored');
  assert.is(description.TableStatus, 'CREATING');
  assert.equal(description.RestoreSummary?.SourceBackupArn, details.BackupArn);
  assert.equal(description.RestoreSummary?.RestoreInProgress, true);

  await waitFor(
    async () =>
      (await client.send(new DescribeTableCommand({ TableName: 'carts-restored' }))).Table?.TableStatus === 'ACTIVE',
  );
  const table = (await client.send(new DescribeTableCommand({ TableName: 'carts-restored' }))).Table!;
  assert.is(table.ItemCount, ITEMS);
  assert.is(table.GlobalSecondaryIndexes![0]!.IndexStatus, 'ACTIVE');
  assert.is(table.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');

  const original = (await scanAll('carts')).filter((i) => i.id.S !== 'after-backup');
  assert.equal(await scanAll('carts-restored'), original);
  const c3 = await client.send(
    new QueryCommand({
      TableName: 'carts-restored',
      IndexName: 'idx_global_customerId',
      KeyConditionExpression: 'customerId = :c',
      ExpressionAttributeValues: { ':c': { S: 'c3' } },
      Select: 'COUNT',
    }),
  );
  assert.is(c3.Count, original.filter((i) => i.customerId.S === 'c3').length, 'the restored GSI is populated');

  // A restore does not carry tags or TTL (as on DynamoDB).
  assert.equal((await client.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn }))).Tags, []);
  assert.equal(
    (await client.send(new DescribeTimeToLiveCommand({ TableName: 'carts-restored' }))).TimeToLiveDescription,
    { TimeToLiveStatus: 'DISABLED' },
  );
});

test('RestoreTableFromBackup with a billing override', async () => {
  const { client } = ddb;
  const { BackupDetails } = await client.send(
    new CreateBackupCommand({ TableName: 'carts', BackupName: 'provisioned' }),
  );
  await client.send(
    new RestoreTableFromBackupCommand({
      TargetTableName: 'carts-provisioned',
      BackupArn: BackupDetails!.BackupArn,
      BillingModeOverride: 'PROVISIONED',
      ProvisionedThroughputOverride: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
    }),
  );
  await waitFor(
    async () =>
      (await client.send(new DescribeTableCommand({ TableName: 'carts-provisioned' }))).Table?.TableStatus === 'ACTIVE',
  );
  const table = (await client.send(new DescribeTableCommand({ TableName: 'carts-provisioned' }))).Table!;
  assert.is(table.BillingModeSummary?.BillingMode, 'PROVISIONED');
  assert.is(table.ProvisionedThroughput?.ReadCapacityUnits, 5);
  assert.is(table.ProvisionedThroughput?.WriteCapacityUnits, 3);
});

test('ListBackups: by table, time range, paging', async () => {
  const { client } = ddb;
  await createTable(client, 'other');
  const otherBackup = await client.send(new CreateBackupCommand({ TableName: 'other', BackupName: 'other-1' }));
  const all = (await client.send(new ListBackupsCommand({}))).BackupSummaries!;
  assert.equal(
    all.map((b) => b.BackupName),
    ['nightly', 'provisioned', 'other-1'],
  );
  assert.equal(Object.keys(all[0]!).sort(), [
    'BackupArn',
    'BackupCreationDateTime',
    'BackupName',
    'BackupSizeBytes',
    'BackupStatus',
    'BackupType',
    'TableArn',
    'TableId',
    'TableName',
  ]);
  const carts = (await client.send(new ListBackupsCommand({ TableName: 'carts' }))).BackupSummaries!;
  assert.equal(
    carts.map((b) => b.BackupName),
    ['nightly', 'provisioned'],
  );
  const since = (
    await client.send(
      new ListBackupsCommand({ TimeRangeLowerBound: otherBackup.BackupDetails!.BackupCreationDateTime }),
    )
  ).BackupSummaries!;
  assert.equal(
    since.map((b) => b.BackupName),
    ['other-1'],
    'the lower bound is inclusive',
  );
  const first = await client.send(new ListBackupsCommand({ Limit: 2 }));
  assert.is(first.BackupSummaries!.length, 2);
  assert.is(first.LastEvaluatedBackupArn, first.BackupSummaries![1]!.BackupArn);
  const second = await client.send(
    new ListBackupsCommand({ Limit: 2, ExclusiveStartBackupArn: first.LastEvaluatedBackupArn }),
  );
  assert.equal(
    second.BackupSummaries!.map((b) => b.BackupName),
    ['other-1'],
  );
  assert.is(second.LastEvaluatedBackupArn, undefined);
  assert.equal((await client.send(new ListBackupsCommand({ BackupType: 'SYSTEM' }))).BackupSummaries, []);
  const eu = ddb.clientFor({ region: 'eu-west-1' });
  assert.equal((await eu.send(new ListBackupsCommand({}))).BackupSummaries, [], 'backups belong to their region');
});

test('DeleteBackup, then the backup is gone', async () => {
  const { client } = ddb;
  const { BackupDetails } = await client.send(new CreateBackupCommand({ TableName: 'other', BackupName: 'doomed' }));
  const deleted = await client.send(new DeleteBackupCommand({ BackupArn: BackupDetails!.BackupArn }));
  assert.is(deleted.BackupDescription!.BackupDetails!.BackupStatus, 'DELETED');
  await expectError(
    client.send(new DescribeBackupCommand({ BackupArn: BackupDetails!.BackupArn })),
    'BackupNotFoundException',
    `Backup not found: ${BackupDetails!.BackupArn}`,
  );
  await expectError(
    client.send(new DeleteBackupCommand({ BackupArn: BackupDetails!.BackupArn })),
    'BackupNotFoundException',
    /^Backup not found/,
  );
  assert.not.ok(
    (await client.send(new ListBackupsCommand({}))).BackupSummaries!.some((b) => b.BackupName === 'doomed'),
  );
});

test('backup errors', async () => {
  const { client } = ddb;
  await expectError(
    client.send(new CreateBackupCommand({ TableName: 'nope', BackupName: 'backup-1' })),
    'TableNotFoundException',
    'Table not found: nope',
  );
  await expectError(
    client.send(new CreateBackupCommand({ TableName: 'nope', BackupName: 'b1' })),
    'ValidationException',
    "1 validation error detected: Value 'b1' at 'backupName' failed to satisfy constraint: Member must have length greater than or equal to 3",
  );
  const { BackupSummaries } = await client.send(new ListBackupsCommand({ TableName: 'carts' }));
  const arn = BackupSummaries![0]!.BackupArn!;
  await expectError(
    client.send(new RestoreTableFromBackupCommand({ TargetTableName: 'carts', BackupArn: arn })),
    'TableAlreadyExistsException',
    'Table already exists: carts',
  );
  await expectError(
    client.send(
      new RestoreTableFromBackupCommand({
        TargetTableName: 'x-restored',
        BackupArn: `${sourceArn}/backup/00000000000000-deadbeef`,
      }),
    ),
    'BackupNotFoundException',
    `Backup not found: ${sourceArn}/backup/00000000000000-deadbeef`,
  );
  await expectError(
    client.send(new DescribeBackupCommand({ BackupArn: 'arn:aws:dynamodb:us-west-2:000000000000:table/carts' })),
    'ValidationException',
    'Invalid Backup ARN',
  );
});

test.run();
