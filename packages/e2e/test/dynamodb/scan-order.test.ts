// Scan order, parallel-scan segment contents and the order of index entries with equal keys, as DynamoDB answers
// them. DynamoDB places items by a hash of the key (src/model/key-hash.ts in @ack-local/dynamodb), so these orders
// are fixed, and test suites that assert them pass only if ack-local places items the same way.
// Evidence: architect/dynalite's tests, which were run against DynamoDB:
//   - test "scan - functionality / segmented scan behavior" (dynalite test/scan*.js): "should return items in same
//     segment order", "... in string hash order", "... in number hash order", "... from correct string hash
//     segments", "... from correct number hash segments";
//   - test/query.js: "should query on basic hash global index", "should query in reverse on basic hash global
//     index", "should query on a global index if values are equal".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import {
  BatchWriteItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { hasBoto3, skipLoudly } from '../../src/tools.js';
import { createTable, startItemsServer, type ItemsServer } from './items-harness.js';

type Item = Record<string, AttributeValue>;
let s: ItemsServer;

test.before(async () => {
  s = await startItemsServer();
  for (const [TableName, AttributeType] of [
    ['hashS', 'S'],
    ['hashN', 'N'],
    ['halves', 'S'],
  ] as const) {
    await createTable(s.client, {
      TableName,
      KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'a', AttributeType }],
    });
  }
  // dynalite's testRangeTable: a/b keys, index3 on c, index4 on c/d.
  await createTable(s.client, {
    TableName: 'range',
    KeySchema: [
      { AttributeName: 'a', KeyType: 'HASH' },
      { AttributeName: 'b', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: ['a', 'b', 'c', 'd'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    GlobalSecondaryIndexes: [
      {
        IndexName: 'index3',
        KeySchema: [{ AttributeName: 'c', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'index4',
        KeySchema: [
          { AttributeName: 'c', KeyType: 'HASH' },
          { AttributeName: 'd', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
});
test.after(async () => {
  await s?.close();
});

async function putAll(TableName: string, items: Item[]) {
  for (let i = 0; i < items.length; i += 25) {
    const PutRequests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await s.client.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: PutRequests } }));
  }
}

async function scanAll(input: ScanCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await s.client.send(new ScanCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const filterB = (b: string) => ({
  FilterExpression: 'b = :b',
  ExpressionAttributeValues: { ':b': { S: b } },
});
const keysOf = (items: Item[], type: 'S' | 'N') => items.map((i) => (i.a as unknown as Record<string, string>)[type]);

const S_ORDER = ['2', '8', '9', '1', '6', 'hello', '0', '5', '4', 'äáöü', 'aardman', '7', '3', 'zapf'];

test('S partition keys: Scan answers them in the order DynamoDB did', async () => {
  // dynalite "should return items in string hash order" (run against DynamoDB)
  const keys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'aardman', 'hello', 'zapf', 'äáöü'];
  await putAll(
    'hashS',
    keys.map((a) => ({ a: { S: a }, b: { S: 'order' } })),
  );
  assert.equal(keysOf(await scanAll({ TableName: 'hashS', ...filterB('order') }), 'S'), S_ORDER);
  // Page by page (Limit 3) the order is the same.
  assert.equal(keysOf(await scanAll({ TableName: 'hashS', Limit: 3, ...filterB('order') }), 'S'), S_ORDER);
});

test('N partition keys: Scan answers them in the order DynamoDB did', async () => {
  // dynalite "should return items in number hash order" (run against DynamoDB)
  const keys = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-0.09', '999.9', '0.012345', '-999.9'];
  await putAll(
    'hashN',
    keys.map((a) => ({ a: { N: a }, b: { S: 'order' } })),
  );
  assert.equal(keysOf(await scanAll({ TableName: 'hashN', ...filterB('order') }), 'N'), [
    '7',
    '999.9',
    '8',
    '3',
    '2',
    '-999.9',
    '9',
    '4',
    '-0.09',
    '6',
    '1',
    '0',
    '0.012345',
    '5',
  ]);
});

test('4096 segments: each key is in the segment DynamoDB put it in', async () => {
  // dynalite "should return items from correct string/number hash segments" (run against DynamoDB)
  await putAll(
    'hashS',
    ['3635', '228', '1668', '3435'].map((a) => ({ a: { S: a }, b: { S: 'seg' } })),
  );
  await putAll(
    'hashN',
    ['251', '2388'].map((a) => ({ a: { N: a }, b: { S: 'seg' } })),
  );
  const segment = async (TableName: string, Segment: number, type: 'S' | 'N') =>
    keysOf(await scanAll({ TableName, Segment, TotalSegments: 4096, ...filterB('seg') }), type).sort();
  assert.equal(await segment('hashS', 0, 'S'), ['228', '3635']);
  assert.equal(await segment('hashS', 1, 'S'), ['1668']);
  assert.equal(await segment('hashS', 4, 'S'), ['3435']);
  assert.equal(await segment('hashN', 1, 'N'), ['251']);
  assert.equal(await segment('hashN', 4095, 'N'), ['2388']);
  assert.equal(await segment('hashS', 2, 'S'), []);
});

test('segments split the key space: 2 segments are the unions of 4, in Scan order', async () => {
  // dynalite "should return items in same segment order" (run against DynamoDB): segments 0-1 of 4 hold only
  // items of segment 0 of 2, segments 2-3 only items of segment 1, and both halves are non-empty.
  await putAll(
    'halves',
    Array.from({ length: 20 }, (_, i) => ({ a: { S: String(i) }, b: { S: 'halves' } })),
  );
  const seg = (Segment: number, TotalSegments: number) =>
    scanAll({ TableName: 'halves', Segment, TotalSegments, ...filterB('halves') }).then((items) => keysOf(items, 'S'));
  const [first, second] = [await seg(0, 2), await seg(1, 2)];
  assert.ok(first.length > 0 && second.length > 0);
  assert.is(first.length + second.length, 20);
  const quarters = [await seg(0, 4), await seg(1, 4), await seg(2, 4), await seg(3, 4)];
  assert.equal([...quarters[0]!, ...quarters[1]!], first);
  assert.equal([...quarters[2]!, ...quarters[3]!], second);
  // The full Scan walks the same order (derived: Scan is in placement order, segments are placement ranges).
  assert.equal(keysOf(await scanAll({ TableName: 'halves', ...filterB('halves') }), 'S'), [...first, ...second]);
});

const row = (a: string, b: string, c: string, d = 'a'): Item => ({
  a: { S: a },
  b: { S: b },
  c: { S: c },
  d: { S: d },
});
const keysAB = (items: Item[] | undefined) => (items ?? []).map((i) => `${i.a!.S}${i.b!.S}`);

test('GSI entries with equal keys come back in DynamoDB order, forwards and backwards', async () => {
  // dynalite "should query on basic hash global index" and "... in reverse ..." (run against DynamoDB):
  // item2 (b,b), item (a,a), item3 (c,e), item7 (e,a) first; backwards item4 (c,d), item6 (d,a), item7, item3.
  const c = 'gsi-equal';
  await putAll('range', [
    row('a', 'a', c),
    row('b', 'b', c),
    row('c', 'e', c),
    row('c', 'd', c),
    row('c', 'c', 'c'),
    row('d', 'a', c),
    row('e', 'a', c),
  ]);
  const query = (ScanIndexForward: boolean) =>
    s.client.send(
      new QueryCommand({
        TableName: 'range',
        IndexName: 'index3',
        KeyConditionExpression: 'c = :c',
        ExpressionAttributeValues: { ':c': { S: c } },
        ScanIndexForward,
        Limit: 4,
      }),
    );
  const forward = await query(true);
  assert.equal(keysAB(forward.Items), ['bb', 'aa', 'ce', 'ea']);
  assert.equal(forward.LastEvaluatedKey, { a: { S: 'e' }, b: { S: 'a' }, c: { S: c } });
  const backward = await query(false);
  assert.equal(keysAB(backward.Items), ['cd', 'da', 'ea', 'ce']);
  assert.equal(backward.LastEvaluatedKey, { a: { S: 'c' }, b: { S: 'e' }, c: { S: c } });
});

test('GSI entries with equal hash and range keys: DynamoDB order after an ExclusiveStartKey', async () => {
  // dynalite "should query on a global index if values are equal" (run against DynamoDB): after item (a,a), the
  // entries with c = x and d = 'a' come back as (d,a), (b,a), (c,a), (d,b), (c,b).
  const c = 'gsi-equal-range';
  await putAll('range', [
    row('a', 'a', c),
    row('b', 'a', c),
    row('c', 'a', c),
    row('c', 'b', c),
    row('d', 'a', c),
    row('d', 'b', c),
  ]);
  const page = await s.client.send(
    new QueryCommand({
      TableName: 'range',
      IndexName: 'index4',
      KeyConditionExpression: 'c = :c',
      ExpressionAttributeValues: { ':c': { S: c } },
      ExclusiveStartKey: row('a', 'a', c),
    }),
  );
  assert.equal(keysAB(page.Items), ['da', 'ba', 'ca', 'db', 'cb']);
  assert.is(page.LastEvaluatedKey, undefined);
});

test('boto3: a Scan answers S keys in the order DynamoDB did', async () => {
  if (!hasBoto3()) {
    skipLoudly('boto3 Scan order', "python3 with boto3 is not available (python3 -c 'import boto3' failed)");
    return;
  }
  // Same evidence as the S order test above; the items are already in the table.
  const script = String.raw`
import json, os
import boto3
from botocore.config import Config
ddb = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-west-2',
                   aws_access_key_id='dummy', aws_secret_access_key='dummy', config=Config(retries={'max_attempts': 1}))
pages = ddb.get_paginator('scan').paginate(TableName='hashS', FilterExpression='b = :b',
                                            ExpressionAttributeValues={':b': {'S': 'order'}}, PaginationConfig={'PageSize': 4})
print(json.dumps([item['a']['S'] for page in pages for item in page['Items']]))
`;
  const res = await new Promise<{ error: Error | null; stdout: string; stderr: string }>((resolve) =>
    execFile(
      'python3',
      ['-c', script],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ENDPOINT: s.url,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    ),
  );
  assert.is(res.error, null, res.stderr);
  assert.equal(JSON.parse(res.stdout), S_ORDER);
});

test.run();
