// Fuzzing the DynamoDB endpoint over HTTP (issue 19, "Keep it proven"): random and mutated request bodies, deep
// nesting, huge and odd values, odd attribute names (__proto__, constructor, '', control characters), sent to
// every operation. Asserts: no 5xx except the deliberate one (a body whose Content-Encoding cannot be undone,
// which DynamoDB answers 500), the server still answers, memory stays bounded.
// Seeded: the same requests every run. ACK_LOCAL_FUZZ_SEED picks another seed, ACK_LOCAL_FUZZ_REQUESTS the count
// (default 400; a long run: ACK_LOCAL_FUZZ_REQUESTS=20000).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';

const SEED = Number(process.env.ACK_LOCAL_FUZZ_SEED ?? 20261207);
const REQUESTS = Number(process.env.ACK_LOCAL_FUZZ_REQUESTS ?? 400);
/** Growth of this process's RSS (server included) the run may cause. Generous: it catches runaway buffering. */
const MAX_RSS_GROWTH_BYTES = 768 * 1024 * 1024;

const OPERATIONS = [
  'PutItem',
  'GetItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'TransactGetItems',
  'CreateTable',
  'UpdateTable',
  'DescribeTable',
  'DeleteTable',
  'ListTables',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateTimeToLive',
  'DescribeTimeToLive',
  'CreateBackup',
  'RestoreTableFromBackup',
  'CreateGlobalTable',
  'UpdateGlobalTable',
  'DescribeEndpoints',
  'ExecuteStatement',
  'NotAnOperation',
];
const NAMES = [
  'pk',
  'sk',
  'g',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  '#a',
  ':v',
  'a.b',
  'a[0]',
  '\u0000',
  '\ud83d\ude00',
  'x'.repeat(300),
  'TableName',
  'M',
  'L',
  'S',
  'N',
];
const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS', 'X', '__proto__'];
const EXPRESSIONS = [
  'pk = :v',
  'attribute_exists(#a)',
  'SET #a = :v',
  'REMOVE #a',
  '((((',
  '#a.#a[0] = :v',
  'size(#a) > :v',
  'ADD #a :v',
  'begins_with(pk, :v)',
  '('.repeat(2000),
  'a = b OR '.repeat(400) + 'a = b',
  '',
];

/** mulberry32: small, fast, good enough to drive a fuzzer, and the same sequence for a seed everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

/** An object with own members, whatever their names ("__proto__" included, as JSON.parse makes them). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

function scalar(r: Rng): unknown {
  switch (r.int(9)) {
    case 0:
      return r.pick(NAMES);
    case 1:
      return r.int(2) ? '9'.repeat(r.int(60)) : -r.next() * 1e308;
    case 2:
      return r.int(2) === 0;
    case 3:
      return null;
    case 4:
      return 'y'.repeat(r.pick([0, 1, 1024, 70_000, 410_000]));
    case 5:
      return r.pick(EXPRESSIONS);
    case 6:
      return [1e21, -0, 0.1, 1e-130, 2 ** 64];
    default:
      return String.fromCharCode(...Array.from({ length: r.int(20) }, () => r.int(0xffff)));
  }
}

function attributeValue(r: Rng, depth: number): unknown {
  const type = r.pick(TYPES);
  if (depth <= 0 || r.int(4) === 0) return objectOf([[type, scalar(r)]]);
  if (type === 'M') return { M: item(r, depth - 1) };
  if (type === 'L') return { L: Array.from({ length: r.int(4) }, () => attributeValue(r, depth - 1)) };
  return objectOf([[type, r.int(2) ? scalar(r) : [scalar(r), scalar(r)]]]);
}

function item(r: Rng, depth: number): Record<string, unknown> {
  return objectOf(Array.from({ length: r.int(5) + 1 }, () => [r.pick(NAMES), attributeValue(r, depth)]));
}

/** A body shaped like a real request of some operation, with random members. */
function plausibleBody(r: Rng): unknown {
  const base: Record<string, unknown> = {
    TableName: r.int(4) ? 'fuzz' : r.pick(NAMES),
    Item: item(r, r.int(40)),
    Key: item(r, 2),
    ConditionExpression: r.pick(EXPRESSIONS),
    UpdateExpression: r.pick(EXPRESSIONS),
    KeyConditionExpression: r.pick(EXPRESSIONS),
    FilterExpression: r.pick(EXPRESSIONS),
    ProjectionExpression: r.pick(EXPRESSIONS),
    ExpressionAttributeNames: objectOf([['#a', r.pick(NAMES)]]),
    ExpressionAttributeValues: objectOf([[':v', attributeValue(r, 3)]]),
    RequestItems: objectOf([['fuzz', r.int(3) ? null : { Keys: [item(r, 1)] }]]),
    TransactItems: [{ Put: { TableName: 'fuzz', Item: item(r, 2) } }, r.int(2) ? null : { Nope: 1 }],
    ExclusiveStartKey: item(r, 1),
    Limit: r.pick([0, 1, -1, 1e12, 'x', null]),
    Tags: [{ Key: r.pick(NAMES), Value: scalar(r) }],
  };
  return objectOf(Object.entries(base).filter(() => r.int(3) === 0));
}

function deepNesting(r: Rng): string {
  const depth = r.pick([100, 1000, 100_000]);
  const open = r.int(2) ? '{"M":{"a":' : '[';
  const close = open === '[' ? ']' : '}}';
  return `{"TableName":"fuzz","Item":{"pk":{"S":"deep"},"d":${open.repeat(depth)}1${close.repeat(r.int(2) ? depth : 1)}}}`;
}

function mutate(r: Rng, text: string): Buffer {
  const bytes = Buffer.from(text);
  switch (r.int(4)) {
    case 0:
      return bytes.subarray(0, r.int(bytes.length + 1)); // truncated
    case 1:
      for (let i = 0; i < 1 + r.int(8); i++) bytes[r.int(bytes.length)] = r.int(256); // flipped bytes
      return bytes;
    case 2:
      return Buffer.concat([bytes, bytes]);
    default:
      return Buffer.from(Array.from({ length: r.int(2000) }, () => r.int(256)));
  }
}

interface FuzzRequest {
  target: string;
  body: Buffer;
  headers: Record<string, string>;
  /** DynamoDB answers a body it cannot decode with a 500: the only 5xx allowed. */
  may500: boolean;
}

function fuzzRequest(r: Rng): FuzzRequest {
  const target = r.pick(OPERATIONS);
  const kind = r.int(10);
  let text: string;
  if (kind < 5) text = JSON.stringify(plausibleBody(r));
  else if (kind < 7) text = deepNesting(r);
  else text = JSON.stringify(scalar(r));
  let body = kind === 7 || kind === 8 ? mutate(r, text) : Buffer.from(text);
  const headers: Record<string, string> = {
    'content-type': r.int(10) ? 'application/x-amz-json-1.0' : r.pick(['application/json', 'text/plain', '']),
    'x-amz-target': `DynamoDB_20120810.${target}`,
    authorization:
      'AWS4-HMAC-SHA256 Credential=fuzz/20240101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
    'x-amz-date': '20240101T000000Z',
  };
  let may500 = false;
  if (r.int(8) === 0) {
    headers['content-encoding'] = r.pick(['gzip', 'deflate', 'br', 'gzip']);
    const compressIt = headers['content-encoding'] === 'gzip' && r.int(2) === 0;
    if (compressIt) body = gzipSync(body);
    may500 = !compressIt;
  }
  if (r.int(8) === 0) headers['accept-encoding'] = r.pick(['gzip', 'deflate', '*', 'br;q=1, gzip;q=0.1']);
  return { target, body, headers, may500 };
}

let ddb: DynamoDBHarness;

test.before(async () => {
  ddb = await startDynamoDB();
  await ddb.client.send(
    new CreateTableCommand({
      TableName: 'fuzz',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byG',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
test.after(async () => {
  await ddb?.close();
});

test(`${REQUESTS} seeded random and mutated requests (seed ${SEED}): no 5xx, server up, memory bounded`, async () => {
  const r = rng(SEED);
  const rssBefore = process.memoryUsage().rss;
  const failures: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const fuzz = fuzzRequest(r);
    const res = await request(ddb.endpoint, { method: 'POST', headers: fuzz.headers, body: fuzz.body });
    const text = await res.body.text();
    if (res.statusCode >= 500 && !(fuzz.may500 && res.statusCode === 500)) {
      failures.push(`#${i} ${fuzz.target} ${res.statusCode} ${text.slice(0, 200)} body=${fuzz.body.subarray(0, 120)}`);
    }
    if (i % 100 === 99) await assertAnswering();
  }
  assert.equal(failures, [], `5xx answers (seed ${SEED})`);
  await assertAnswering();
  const growth = process.memoryUsage().rss - rssBefore;
  assert.ok(growth < MAX_RSS_GROWTH_BYTES, `RSS grew by ${Math.round(growth / 1048576)} MB`);
});

async function assertAnswering() {
  const res = await request(ddb.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization:
        'AWS4-HMAC-SHA256 Credential=fuzz/20240101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
      'x-amz-date': '20240101T000000Z',
    },
    body: '{}',
  });
  assert.is(res.statusCode, 200);
  assert.ok((await res.body.json()) as object);
}

test.run();
