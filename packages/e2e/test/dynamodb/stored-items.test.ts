// Reads that return whole items copy the stored wire JSON into the answer (packages/dynamodb storage/item-codec.ts);
// reads with a filter or projection decode it. Both must give clients exactly what was written: every type, and
// strings that JSON escapes or UTF-8 spells in several bytes, through the JS SDK, raw HTTP (CRC32) and boto3.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawnSync } from 'node:child_process';
import { crc32 } from 'node:zlib';
import {
  BatchGetItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { createTable, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const TRICKY = 'quote " backslash \\ slash / newline \n tab \t nul \u0000 sep \u2028 é 中文 🎉 \ud7ff';

function item(n: number): Record<string, AttributeValue> {
  return {
    pk: { S: `p${n % 2}` },
    sk: { N: String(n) },
    [`näme "${n}"`]: { S: `${TRICKY} #${n}` },
    bin: { B: new Uint8Array([0, 255, n]) },
    nested: {
      M: {
        list: { L: [{ N: '1.5' }, { NULL: true }, { BOOL: false }, { SS: ['a', '🎉'] }] },
        deep: { M: { e: { S: '' } } },
      },
    },
    nums: { NS: ['1', '-2.5'] },
    gsiKey: { S: `g${n % 3}` },
    // Item 3 is over 8 KB, so its read capacity shows whether the stored size header is right.
    blob: { S: 'x'.repeat(n === 3 ? 9000 : 10) },
  };
}
const ITEMS = Array.from({ length: 7 }, (_, i) => item(i));
const byKey = (it: Record<string, AttributeValue>) => `${it.pk!.S}/${it.sk!.N}`;
const sortItems = (items: Record<string, AttributeValue>[]) =>
  [...items].sort((a, b) => byKey(a).localeCompare(byKey(b)));

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'stored',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'gsiKey', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'all',
        KeySchema: [{ AttributeName: 'gsiKey', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'keys',
        KeySchema: [{ AttributeName: 'gsiKey', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
  for (const it of ITEMS) await s.client.send(new PutItemCommand({ TableName: 'stored', Item: it }));
});
test.after(async () => {
  await s?.close();
});

const normalised = (it: Record<string, AttributeValue>) => {
  // DynamoDB returns sets in no particular order and numbers normalised; compare them as sorted lists.
  const copy = structuredClone(it);
  copy.nums = { NS: [...it.nums!.NS!].sort() };
  return copy;
};
const same = (got: Record<string, AttributeValue>[] | undefined, want: Record<string, AttributeValue>[]) =>
  assert.equal(sortItems(got ?? []).map(normalised), sortItems(want).map(normalised));

test('GetItem returns the whole stored item, and the same item as a projection of every attribute', async () => {
  for (const it of ITEMS) {
    const key = { pk: it.pk!, sk: it.sk! };
    const whole = await s.client.send(
      new GetItemCommand({ TableName: 'stored', Key: key, ReturnConsumedCapacity: 'TOTAL' }),
    );
    same([whole.Item!], [it]);
    const names = Object.keys(it);
    const projected = await s.client.send(
      new GetItemCommand({
        TableName: 'stored',
        Key: key,
        ReturnConsumedCapacity: 'TOTAL',
        ProjectionExpression: names.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
      }),
    );
    same([projected.Item!], [it]);
    assert.equal(whole.ConsumedCapacity, projected.ConsumedCapacity);
    assert.is(whole.ConsumedCapacity!.CapacityUnits, it === ITEMS[3] ? 1.5 : 0.5);
  }
  const missing = await s.client.send(
    new GetItemCommand({
      TableName: 'stored',
      Key: { pk: { S: 'none' }, sk: { N: '0' } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.is(missing.Item, undefined);
  assert.equal(missing.ConsumedCapacity, { TableName: 'stored', CapacityUnits: 0.5 });
});

test('Query and Scan pages of whole items match the decoded path, page by page', async () => {
  const q = await s.client.send(
    new QueryCommand({
      TableName: 'stored',
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'p1' } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  same(
    q.Items,
    ITEMS.filter((it) => it.pk!.S === 'p1'),
  );
  assert.equal(
    q.Items!.map((it) => it.sk!.N),
    ['1', '3', '5'],
    'range order',
  );
  // A filter that keeps everything takes the decoded path: same items, same counts and capacity.
  const filtered = await s.client.send(
    new QueryCommand({
      TableName: 'stored',
      KeyConditionExpression: 'pk = :p',
      FilterExpression: 'attribute_exists(bin)',
      ExpressionAttributeValues: { ':p': { S: 'p1' } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.equal(filtered.Items, q.Items);
  assert.equal(
    [filtered.Count, filtered.ScannedCount, filtered.ConsumedCapacity],
    [q.Count, q.ScannedCount, q.ConsumedCapacity],
  );

  const pages: Record<string, AttributeValue>[][] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await s.client.send(new ScanCommand({ TableName: 'stored', Limit: 2, ExclusiveStartKey: start }));
    pages.push(page.Items!);
    assert.is(page.Count, page.Items!.length);
    start = page.LastEvaluatedKey;
    if (start) assert.equal(Object.keys(start).sort(), ['pk', 'sk']);
  } while (start);
  assert.equal(
    pages.map((p) => p.length),
    [2, 2, 2, 1, 0].slice(0, pages.length),
  );
  same(pages.flat(), ITEMS);

  const gsi = await s.client.send(
    new QueryCommand({
      TableName: 'stored',
      IndexName: 'all',
      KeyConditionExpression: 'gsiKey = :g',
      ExpressionAttributeValues: { ':g': { S: 'g0' } },
    }),
  );
  same(
    gsi.Items,
    ITEMS.filter((it) => it.gsiKey!.S === 'g0'),
  );
  const keysOnly = await s.client.send(
    new QueryCommand({
      TableName: 'stored',
      IndexName: 'keys',
      KeyConditionExpression: 'gsiKey = :g',
      ExpressionAttributeValues: { ':g': { S: 'g0' } },
    }),
  );
  assert.equal(
    sortItems(keysOnly.Items!),
    sortItems(
      ITEMS.filter((it) => it.gsiKey!.S === 'g0').map((it) => ({ pk: it.pk!, sk: it.sk!, gsiKey: it.gsiKey! })),
    ),
  );
  const batch = await s.client.send(
    new BatchGetItemCommand({ RequestItems: { stored: { Keys: ITEMS.map((it) => ({ pk: it.pk!, sk: it.sk! })) } } }),
  );
  same(batch.Responses!.stored, ITEMS);
  const transact = await s.client.send(
    new TransactGetItemsCommand({
      TransactItems: ITEMS.map((it) => ({ Get: { TableName: 'stored', Key: { pk: it.pk!, sk: it.sk! } } })),
    }),
  );
  assert.equal(
    transact.Responses!.map((r) => r.Item),
    ITEMS,
  );
});

test('whole-item pages stop at 1 MB read, by the stored size', async () => {
  const big = 'é'.repeat(50 * 1024); // 100 KB in UTF-8: the size header counts bytes, not characters
  for (let i = 0; i < 25; i++)
    await s.client.send(
      new PutItemCommand({ TableName: 'stored', Item: { pk: { S: 'big' }, sk: { N: String(i) }, d: { S: big } } }),
    );
  const sizes: number[] = [];
  const seen: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await s.client.send(
      new QueryCommand({
        TableName: 'stored',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'big' } },
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    sizes.push(page.Count!);
    seen.push(...page.Items!.map((it) => it.sk!.N!));
    assert.ok(page.Items!.every((it) => it.d!.S === big));
    if (page.LastEvaluatedKey)
      assert.is(
        page.ConsumedCapacity!.CapacityUnits,
        Math.ceil((page.Count! * (102_400 + 1 + 2 + 2 + 2 + 1)) / 4096) / 2,
      );
    start = page.LastEvaluatedKey;
  } while (start);
  // Like query.test.ts's decoded-path check: a page holds the items read up to about 1 MB (10 or 11 of 100 KB).
  assert.is(sizes.length, 3, `pages ${sizes}`);
  assert.ok(sizes[0]! >= 10 && sizes[0]! <= 11 && sizes[1] === sizes[0], `pages ${sizes}`);
  assert.equal(
    seen,
    Array.from({ length: 25 }, (_, i) => String(i)),
  );
});

test('large pages in flight together each arrive whole (their reused buffers are never shared)', async () => {
  // Pages over 64 KB are written into pooled buffers (packages/dynamodb server/body-bytes.ts). Eight partitions,
  // each with its own filler, read concurrently and again: a buffer handed to a second answer before the first
  // was sent would show another partition's bytes here, or fail the SDK's CRC32 check.
  const fillers = Array.from({ length: 8 }, (_, p) => `${['€', 'é', '😀', 'x'][p % 4]!.repeat(3000)}#${p}`); // 120-480 KB pages
  await Promise.all(
    fillers.flatMap((d, p) =>
      Array.from({ length: 40 }, (_, i) =>
        s.client.send(
          new PutItemCommand({
            TableName: 'stored',
            Item: { pk: { S: `wide${p}` }, sk: { N: String(i) }, d: { S: d } },
          }),
        ),
      ),
    ),
  );
  for (let round = 0; round < 3; round++) {
    const pages = await Promise.all(
      fillers.map((_, p) =>
        s.client.send(
          new QueryCommand({
            TableName: 'stored',
            KeyConditionExpression: 'pk = :p',
            ExpressionAttributeValues: { ':p': { S: `wide${p}` } },
          }),
        ),
      ),
    );
    pages.forEach((page, p) => {
      assert.is(page.Count, 40);
      assert.ok(
        page.Items!.every((it) => it.pk!.S === `wide${p}` && it.d!.S === fillers[p]),
        `partition ${p}, round ${round}`,
      );
    });
  }
});

test('the answer is the exact UTF-8 of the stored text, with its CRC32', async () => {
  const res = await s.raw('Query', {
    TableName: 'stored',
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': { S: 'p0' } },
  });
  assert.is(res.status, 200);
  assert.is(res.body.Items[0]['näme "0"'].S, `${TRICKY} #0`);
  const raw = await fetch(s.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      'x-amz-date': '20250101T000000Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=dummy/20250101/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000',
    },
    body: JSON.stringify({ TableName: 'stored', Key: { pk: { S: 'p1' }, sk: { N: '1' } } }),
  });
  const bytes = Buffer.from(await raw.arrayBuffer());
  assert.is(raw.headers.get('x-amz-crc32'), String(crc32(bytes)));
  assert.is(Number(raw.headers.get('content-length')), bytes.length);
  assert.is(JSON.parse(bytes.toString('utf8')).Item['näme "1"'].S, `${TRICKY} #1`);
});

const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
const BOTO3 = String.raw`
import json, os
import boto3
ddb = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-west-2', aws_access_key_id='dummy', aws_secret_access_key='dummy')
got = ddb.get_item(TableName='stored', Key={'pk': {'S': 'p0'}, 'sk': {'N': '2'}})['Item']
q = ddb.query(TableName='stored', KeyConditionExpression='pk = :p', ExpressionAttributeValues={':p': {'S': 'p0'}})
print(json.dumps({'name': got['näme "2"']['S'], 'bin': list(got['bin']['B']), 'count': q['Count'], 'sks': [i['sk']['N'] for i in q['Items']]}))
`;

test('boto3 (which checks x-amz-crc32) reads whole stored items', async () => {
  if (!hasBoto3) {
    console.log('⚠ SKIPPED LOUDLY: python3 with boto3 is not available; the boto3 stored-item check did not run');
    return;
  }
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      'python3',
      ['-c', BOTO3],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ENDPOINT: s.url,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          PYTHONIOENCODING: 'utf-8',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
  assert.equal(JSON.parse(out), { name: `${TRICKY} #2`, bin: [0, 255, 2], count: 4, sks: ['0', '2', '4', '6'] });
});

test.run();
