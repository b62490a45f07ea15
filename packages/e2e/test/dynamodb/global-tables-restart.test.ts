// Feature state survives a restart of the server on the same data dir: global-table replication resumes, TTL
// keeps expiring (its index is rebuilt at start), backups remain restorable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBackupCommand,
  CreateGlobalTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListBackupsCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, waitFor } from './features-support.js';

let dataDir: string;
let ddb: DynamoDBHarness | undefined;
const STREAMS = { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const } };

test.before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ack-features-restart-'));
});
test.after(async () => {
  await ddb?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const get = async (client: DynamoDBClient, table: string, id: string) =>
  (await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))).Item;

test('state written before a restart keeps working after it', async () => {
  ddb = await startDynamoDB({ dataDir, ttlSweepIntervalMs: 0 });
  let west = ddb.client;
  let eu = ddb.clientFor({ region: 'eu-west-1' });
  await createTable(west, 'users', STREAMS);
  await createTable(eu, 'users', STREAMS);
  await west.send(
    new CreateGlobalTableCommand({
      GlobalTableName: 'users',
      ReplicationGroup: [{ RegionName: 'us-west-2' }, { RegionName: 'eu-west-1' }],
    }),
  );
  await west.send(
    new UpdateTimeToLiveCommand({
      TableName: 'users',
      TimeToLiveSpecification: { Enabled: true, AttributeName: 'exp' },
    }),
  );
  // Written while the sweeper is off: after the restart (sweeper on) it must still expire.
  await west.send(
    new PutItemCommand({
      TableName: 'users',
      Item: { id: { S: 'expired' }, exp: { N: String(Math.floor(Date.now() / 1000) - 5) } },
    }),
  );
  await west.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'kept' } } }));
  await waitFor(async () => (await get(eu, 'users', 'kept')) !== undefined);
  await west.send(new CreateBackupCommand({ TableName: 'users', BackupName: 'before-restart' }));
  await ddb.close();

  ddb = await startDynamoDB({ dataDir, ttlSweepIntervalMs: 25 });
  west = ddb.client;
  eu = ddb.clientFor({ region: 'eu-west-1' });
  await eu.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'after-restart' } } }));
  await waitFor(async () => (await get(west, 'users', 'after-restart')) !== undefined);
  await waitFor(async () => (await get(west, 'users', 'expired')) === undefined);
  await waitFor(async () => (await get(eu, 'users', 'expired')) === undefined); // the expiry replicated as a delete

  const [backup] = (await west.send(new ListBackupsCommand({ TableName: 'users' }))).BackupSummaries!;
  assert.is(backup?.BackupName, 'before-restart');
  await west.send(new RestoreTableFromBackupCommand({ TargetTableName: 'users-copy', BackupArn: backup!.BackupArn }));
  await waitFor(
    async () =>
      (await west.send(new DescribeTableCommand({ TableName: 'users-copy' }))).Table?.TableStatus === 'ACTIVE',
  );
  const ids = (await west.send(new ScanCommand({ TableName: 'users-copy' }))).Items!.map((i) => i.id!.S).sort();
  assert.equal(ids, ['expired', 'kept']);
});

test.run();
