// The JSON 1.0 wire protocol over raw HTTP (undici): DynamoDB's answers to malformed requests, the request-id
// and CRC32 headers on every response, the 16 MB body limit, health checks, and a server that stays up.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32 } from 'node:zlib';
import { request } from 'undici';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';

let ddb: DynamoDBHarness;

const SIGV4 = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=dummy/20240101/us-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00',
  'x-amz-date': '20240101T000000Z',
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

async function call(options: {
  method?: 'GET' | 'POST' | 'PUT';
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): Promise<Answer> {
  const res = await request(`${ddb.endpoint}${options.path ?? '/'}`, {
    method: options.method ?? 'POST',
    headers: options.headers,
    body: options.body,
  });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (res.headers['x-amz-crc32'] !== undefined) {
    assert.is(res.headers['x-amz-crc32'], String(crc32(bytes)), 'x-amz-crc32 is the CRC32 of the body bytes');
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

const op = (target: string | undefined, body: string, extra: Record<string, string> = {}) =>
  call({
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      ...(target ? { 'x-amz-target': target } : {}),
      ...SIGV4,
      ...extra,
    },
    body,
  });

async function assertServerUp() {
  const res = await op('DynamoDB_20120810.ListTables', '{}');
  assert.is(res.status, 200);
  assert.ok(Array.isArray(res.json.TableNames));
}

test.before(async () => {
  ddb = await startDynamoDB();
});
test.after(async () => {
  await ddb?.close();
});

test('a well-formed call answers 200 with request id, content type and CRC32', async () => {
  const res = await op('DynamoDB_20120810.ListTables', '{}');
  assert.is(res.status, 200);
  assert.equal(res.json, { TableNames: [] });
  assert.match(String(res.headers['x-amzn-requestid']), /^[A-Z0-9]{52}$/);
  assert.is(res.headers['content-type'], 'application/x-amz-json-1.0');
  assert.ok(res.headers['x-amz-crc32']);
});

test('application/json is accepted and echoed', async () => {
  const res = await op('DynamoDB_20120810.ListTables', '{}', { 'content-type': 'application/json' });
  assert.is(res.status, 200);
  assert.is(res.headers['content-type'], 'application/json');
});

test('malformed JSON is a bare SerializationException', async () => {
  // dynalite's connection tests, recorded against DynamoDB: {"__type":"com.amazon.coral.service#SerializationException"}
  // with no message for a body that is not JSON, and for an empty one (after the signature checks).
  for (const body of ['{"TableName": ', 'not json', '']) {
    const res = await op('DynamoDB_20120810.DescribeTable', body);
    assert.is(res.status, 400, body);
    assert.equal(res.json, { __type: 'com.amazon.coral.service#SerializationException' });
    assert.match(String(res.headers['x-amzn-requestid']), /^[A-Z0-9]{52}$/);
  }
});

test('wrong JSON types are SerializationExceptions with coral texts', async () => {
  const res = await op('DynamoDB_20120810.DescribeTable', '{"TableName": 5}');
  assert.is(res.status, 400);
  assert.equal(res.json, {
    __type: 'com.amazon.coral.service#SerializationException',
    Message: 'NUMBER_VALUE cannot be converted to String',
  });
  const list = await op('DynamoDB_20120810.CreateTable', '{"TableName": "abc", "KeySchema": "x"}');
  assert.equal(list.json, {
    __type: 'com.amazon.coral.service#SerializationException',
    Message: 'Unexpected field type',
  });
});

test('an unknown or missing target is an UnknownOperationException', async () => {
  for (const target of ['DynamoDB_20120810.Nope', 'DynamoDB_20111205.ListTables', 'ListTables', undefined]) {
    const res = await op(target, '{}');
    assert.is(res.status, 400, String(target));
    assert.equal(res.json, { __type: 'com.amazon.coral.service#UnknownOperationException' });
  }
});

test('a request without SigV4 is refused for a missing token', async () => {
  const res = await call({
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  });
  assert.is(res.status, 400);
  assert.equal(res.json, {
    __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
    message: 'Request is missing Authentication Token',
  });
  const incomplete = await op('DynamoDB_20120810.ListTables', '{}', {
    authorization: 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e',
  });
  assert.is(incomplete.json.__type, 'com.amazon.coral.service#IncompleteSignatureException');
});

test('validation errors carry the coral validate namespace', async () => {
  const res = await op('DynamoDB_20120810.ListTables', '{"Limit": 0}');
  assert.is(res.status, 400);
  assert.equal(res.json, {
    __type: 'com.amazon.coral.validate#ValidationException',
    message:
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
  });
  const missing = await op('DynamoDB_20120810.DescribeTable', '{"TableName": "nothere"}');
  assert.equal(missing.json, {
    __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
    message: 'Requested resource not found: Table: nothere not found',
  });
});

test('other content types, methods and paths are not operations', async () => {
  const res = await op('DynamoDB_20120810.ListTables', '{}', { 'content-type': 'text/plain' });
  assert.is(res.status, 404);
  assert.is(res.text, '<UnknownOperationException/>\n');
  const put = await call({ method: 'PUT', headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' });
  assert.is(put.status, 404);
  // DynamoDB ignores the path of a POST.
  const elsewhere = await call({
    path: '/some/path',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', ...SIGV4 },
    body: '{}',
  });
  assert.is(elsewhere.status, 200);
});

test('health checks: GET / like DynamoDB, and /healthz', async () => {
  const root = await call({ method: 'GET' });
  assert.is(root.status, 200);
  // The host the request named (ScyllaDB's test_health.py; dynalite's: "healthy: dynamodb.<region>.amazonaws.com ").
  assert.is(root.text, `healthy: 127.0.0.1:${ddb.port} `);
  assert.match(String(root.headers['x-amzn-requestid']), /^[A-Z0-9]{52}$/);
  const healthz = await call({ method: 'GET', path: '/healthz' });
  assert.is(healthz.status, 200);
  assert.is(healthz.text, 'ok');
});

test('a body just under 16 MB is read; over 16 MB is refused with 413', async () => {
  const padding = 'x'.repeat(16 * 1024 * 1024 - 64);
  const under = await op('DynamoDB_20120810.ListTables', JSON.stringify({ Limit: 1, Ignored: padding }));
  assert.is(under.status, 200);
  const over = await op('DynamoDB_20120810.ListTables', Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) as unknown as string);
  assert.is(over.status, 413);
  assert.equal(over.json, {
    __type: 'com.amazon.coral.service#RequestEntityTooLarge',
    message: 'Request entity too large',
  });
  await assertServerUp();
});

test('garbage never takes the server down', async () => {
  const bodies = [
    '{"TableName": {"$ref": 1}}',
    '[]',
    '"str"',
    'null',
    '{"__proto__": {"x": 1}, "TableName": "t"}',
    '\u0000\u0001\u0002',
  ];
  for (const target of [
    'DynamoDB_20120810.CreateTable',
    'DynamoDB_20120810.UpdateTable',
    'DynamoDB_20120810.PutItem',
  ]) {
    for (const body of bodies) {
      const res = await op(target, body);
      assert.ok(res.status === 400, `${target} ${body} → ${res.status} ${res.text}`);
      assert.type(res.json.__type, 'string');
    }
  }
  await assertServerUp();
});

test.run();
