// Issue 19: any string is a valid attribute name, and key values are any string. The TTL sweeper and global-table
// replication read keys and attributes of their own (the TTL index stores item keys; replication compares a write
// with its echo), so they are driven here with names and values that are members of Object.prototype:
// `__proto__`, `constructor`, `hasOwnProperty`, `toString`. Real SDK (v3) against the server over HTTP.
// Evidence: the DynamoDB developer guide allows any UTF-8 name of 1-255 bytes for attributes ("Naming rules and
// data types"); TTL deletes an item once the epoch-seconds Number in its TTL attribute has passed ("Using time to
// live"); a global table replicates every write and delete to each replica ("Global tables: how it works").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, waitFor } from './features-support.js';

const ODD = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];
// Key attribute names: members of Object.prototype. Two cannot be names here, for the SDK's sake: it drops
// `__proto__` from requests (plain assignments), and its response parser calls `out.hasOwnProperty`, which an
// attribute of that name shadows. Both stay values below (and names in the raw-HTTP tests of issue 19).
const HASH = 'constructor';
const RANGE = 'toString';

let ddb: DynamoDBHarness;
test.before(async () => {
  ddb = await startDynamoDB({ ttlSweepIntervalMs: 25, tableDelayMs: 20 });
});
test.after(async () => ddb?.close());

const item = (hash: string, range: string, extra: Record<string, AttributeValue> = {}) => ({
  [HASH]: { S: hash },
  [RANGE]: { S: range },
  ...extra,
});

async function createOddTable(client: DynamoDBClient, name: string) {
  await createTable(client, name, {
    AttributeDefinitions: [
      { AttributeName: HASH, AttributeType: 'S' },
      { AttributeName: RANGE, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: HASH, KeyType: 'HASH' },
      { AttributeName: RANGE, KeyType: 'RANGE' },
    ],
  });
}

async function keysIn(client: DynamoDBClient, table: string): Promise<string[]> {
  const { Items } = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
  return (Items ?? []).map((i) => `${i[HASH]!.S}/${i[RANGE]!.S}`).sort();
}

for (const ttlName of ['valueOf', 'isPrototypeOf', 'propertyIsEnumerable']) {
  test(`TTL on attribute "${ttlName}" expires items keyed by constructor/toString with prototype-named values`, async () => {
    const client = ddb.client;
    const table = `ttl-${ttlName.replace(/[^a-zA-Z]/g, '')}`;
    await createOddTable(client, table);
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { Enabled: true, AttributeName: ttlName },
      }),
    );
    const past = { N: String(Math.floor(Date.now() / 1000) - 5) };
    const future = { N: String(Math.floor(Date.now() / 1000) + 3600) };
    for (const value of ODD) {
      await client.send(new PutItemCommand({ TableName: table, Item: item(value, value, { [ttlName]: past }) }));
      await client.send(new PutItemCommand({ TableName: table, Item: item(value, 'kept', { [ttlName]: future }) }));
      await client.send(new PutItemCommand({ TableName: table, Item: item('no-ttl', value) }));
    }
    await waitFor(async () => (await keysIn(client, table)).length === ODD.length * 2);
    assert.equal(
      await keysIn(client, table),
      [...ODD.map((v) => `${v}/kept`), ...ODD.map((v) => `no-ttl/${v}`)].sort(),
    );
  });
}

test('an item without a key attribute named like a prototype member: ValidationException, not a 500', async () => {
  // DynamoDB's words for a missing key attribute (the same check as for any key name)
  await createOddTable(ddb.client, 'odd-missing');
  for (const Item of [{ [RANGE]: { S: 'r' } }, { [HASH]: { S: 'h' } }] as Record<string, AttributeValue>[]) {
    const error = await ddb.client.send(new PutItemCommand({ TableName: 'odd-missing', Item })).then(
      () => undefined,
      (e: Error) => e,
    );
    assert.is(error?.name, 'ValidationException', String(error));
    assert.match(error!.message, 'One or more parameter values were invalid: Missing the key');
  }
});

test('a global table keyed by constructor/toString replicates puts and deletes of prototype-named values', async () => {
  const west = ddb.client;
  const eu = ddb.clientFor({ region: 'eu-west-1' });
  await createOddTable(west, 'odd-global');
  await west.send(
    new UpdateTableCommand({ TableName: 'odd-global', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }),
  );
  await waitFor(
    async () =>
      (await eu.send(new DescribeTableCommand({ TableName: 'odd-global' })).catch(() => undefined))?.Table
        ?.TableStatus === 'ACTIVE',
  );
  const inEu = async (hash: string, range: string) =>
    (
      await eu
        .send(new GetItemCommand({ TableName: 'odd-global', Key: item(hash, range), ConsistentRead: true }))
        .catch(() => undefined)
    )?.Item;
  for (const value of ODD) {
    await west.send(
      new PutItemCommand({ TableName: 'odd-global', Item: item(value, value, { valueOf: { S: value } }) }),
    );
  }
  for (const value of ODD) {
    await waitFor(async () => (await inEu(value, value)) !== undefined);
    const got = (await inEu(value, value))!;
    // compared as entries: uvu's deep equality reads `.constructor`, here an attribute
    assert.equal(Object.entries(got).sort(), Object.entries(item(value, value, { valueOf: { S: value } })).sort());
  }
  // a delete in the replica comes back to the source
  await eu.send(new DeleteItemCommand({ TableName: 'odd-global', Key: item('toString', 'toString') }));
  await waitFor(async () => !(await keysIn(west, 'odd-global')).includes('toString/toString'));
  assert.equal(await keysIn(west, 'odd-global'), [
    '__proto__/__proto__',
    'constructor/constructor',
    'hasOwnProperty/hasOwnProperty',
  ]);
  assert.equal(await keysIn(eu, 'odd-global'), await keysIn(west, 'odd-global'));
});

test.run();
