// Who owns a table: namespaces per (account, region) as in AWS, per (access key, region) as DynamoDB Local, or
// one shared namespace; the account is the access key id when it is 12 digits, else the configured account.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB } from '../../src/dynamodb.js';
import { workshopTable } from './tables-helpers.js';

const names = async (client: DynamoDBClient) => (await client.send(new ListTablesCommand({}))).TableNames;
const arnOf = async (client: DynamoDBClient, TableName: string) =>
  (await client.send(new DescribeTableCommand({ TableName }))).Table!.TableArn;

test('account-region (default): per region and per 12-digit account; other keys share the configured account', async () => {
  const ddb = await startDynamoDB({ accountId: '111122223333' });
  try {
    const west = ddb.client; // region us-west-2, key 'dummy'
    const east = ddb.clientFor({ region: 'us-east-1' });
    const otherKey = ddb.clientFor({ accessKeyId: 'AKIAOTHERKEY' });
    const account = ddb.clientFor({ accessKeyId: '123456789012' });
    await west.send(new CreateTableCommand(workshopTable('shared-name')));
    await east.send(new CreateTableCommand(workshopTable('shared-name')));
    await account.send(new CreateTableCommand(workshopTable('mine')));
    assert.equal(await names(west), ['shared-name']);
    assert.equal(await names(otherKey), ['shared-name'], 'same account (configured), same region');
    assert.equal(await names(east), ['shared-name']);
    assert.equal(await names(account), ['mine']);
    assert.is(await arnOf(west, 'shared-name'), 'arn:aws:dynamodb:us-west-2:111122223333:table/shared-name');
    assert.is(await arnOf(east, 'shared-name'), 'arn:aws:dynamodb:us-east-1:111122223333:table/shared-name');
    assert.is(await arnOf(account, 'mine'), 'arn:aws:dynamodb:us-west-2:123456789012:table/mine');
    // In-process callers name account and region directly.
    const ctx = ddb.engine.contextFor({ accountId: '123456789012', region: 'us-west-2' });
    const listed = (await ddb.engine.dispatch('ListTables', {}, ctx)) as { TableNames: string[] };
    assert.equal(listed.TableNames, ['mine']);
  } finally {
    await ddb.close();
  }
});

test('access-key: each access key id has its own tables per region (DynamoDB Local)', async () => {
  const ddb = await startDynamoDB({ isolation: 'access-key' });
  try {
    const a = ddb.client;
    const b = ddb.clientFor({ accessKeyId: 'other' });
    await a.send(new CreateTableCommand(workshopTable('t-a')));
    await b.send(new CreateTableCommand(workshopTable('t-b')));
    assert.equal(await names(a), ['t-a']);
    assert.equal(await names(b), ['t-b']);
    assert.equal(await names(ddb.clientFor({ region: 'eu-west-1' })), []);
    assert.is(await arnOf(b, 't-b'), 'arn:aws:dynamodb:us-west-2:000000000000:table/t-b');
  } finally {
    await ddb.close();
  }
});

test('shared: one namespace for every key and region', async () => {
  const ddb = await startDynamoDB({ isolation: 'shared' });
  try {
    await ddb.client.send(new CreateTableCommand(workshopTable('everyone')));
    assert.equal(await names(ddb.clientFor({ region: 'ap-south-1', accessKeyId: '999999999999' })), ['everyone']);
  } finally {
    await ddb.close();
  }
});

test('the default region answers requests whose credential scope names none', async () => {
  const ddb = await startDynamoDB({ region: 'eu-central-1' });
  try {
    const ctx = ddb.engine.contextFor({});
    assert.is(ctx.region, 'eu-central-1');
    assert.is(ctx.accountId, '000000000000');
    assert.match(ctx.requestId, /^[A-Z0-9]{52}$/);
  } finally {
    await ddb.close();
  }
});

test.run();
