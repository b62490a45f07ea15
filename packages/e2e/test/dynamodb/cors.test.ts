// CORS as DynamoDB Local's `-cors` gives it (default `*`), so browser code and web-based table viewers can call the
// server. Evidence for DynamoDB's CORS answers: ScyllaDB Alternator's test/alternator/test_cors.py (written to pass
// against DynamoDB: no CORS header without Origin; with Origin, Access-Control-Allow-Origin: * and
// Access-Control-Expose-Headers on GET, POST and OPTIONS; a preflight echoes the requested method and headers and
// carries Access-Control-Max-Age, other methods do not) and alternator/server.cc's note that
// "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date" is the list DynamoDB exposes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request as httpRequest } from 'node:http';
import { createDynamoDBServer } from '@ack-local/dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';

const EXPOSED = 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date';
const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
];
const SIGNED = {
  'content-type': 'application/x-amz-json-1.0',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
  'x-amz-date': '20260101T000000Z',
};

let ddb: DynamoDBHarness;
const extra: { close(): Promise<unknown> }[] = [];

test.before(async () => {
  ddb = await startDynamoDB();
});
test.after(async () => {
  for (const app of extra) await app.close();
  await ddb.close();
});

/** A second server over the same engine with another CORS setting. */
async function serverWith(cors: readonly string[] | false): Promise<string> {
  const app = await createDynamoDBServer({ engine: ddb.engine, cors });
  extra.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/** One raw HTTP/1.1 exchange with node:http: exactly these headers, nothing a client library adds. */
function raw(url: string, method: string, headers: Record<string, string>, body = '') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(url, { method, headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    },
  );
}

test('raw preflight: 200, Allow-Origin *, the requested method and headers echoed, Max-Age, exposed headers', async () => {
  const r = await raw(ddb.endpoint, 'OPTIONS', {
    origin: 'http://localhost:5173',
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization,content-type,x-amz-date,x-amz-target,amz-sdk-invocation-id',
  });
  assert.is(r.status, 200);
  assert.is(r.headers['access-control-allow-origin'], '*');
  assert.is(r.headers['access-control-allow-methods'], 'POST');
  assert.is(
    r.headers['access-control-allow-headers'],
    'authorization,content-type,x-amz-date,x-amz-target,amz-sdk-invocation-id',
  );
  assert.ok(Number(r.headers['access-control-max-age']) > 0);
  assert.is(r.headers['access-control-expose-headers'], EXPOSED);
  assert.is(r.body, '');
});

test('fetch with an Origin: the answer (success and error) carries Allow-Origin and Expose-Headers, no preflight ones', async () => {
  const call = (target: string, body: object) =>
    fetch(ddb.endpoint, {
      method: 'POST',
      headers: { ...SIGNED, origin: 'http://localhost:5173', 'x-amz-target': `DynamoDB_20120810.${target}` },
      body: JSON.stringify(body),
    });
  const ok = await call('ListTables', {});
  assert.is(ok.status, 200);
  assert.equal(await ok.json(), { TableNames: [] });
  assert.is(ok.headers.get('access-control-allow-origin'), '*');
  assert.is(ok.headers.get('access-control-expose-headers'), EXPOSED);
  for (const h of ['access-control-max-age', 'access-control-allow-methods', 'access-control-allow-headers'])
    assert.is(ok.headers.get(h), null, h);
  const missing = await call('DescribeTable', { TableName: 'nope' });
  assert.is(missing.status, 400);
  assert.match(((await missing.json()) as { __type: string }).__type, /ResourceNotFoundException$/);
  assert.is(missing.headers.get('access-control-allow-origin'), '*');
  const health = await fetch(ddb.endpoint, { headers: { origin: 'http://localhost:5173' } });
  assert.is(health.status, 200);
  assert.is(health.headers.get('access-control-allow-origin'), '*');
});

test('without an Origin header no answer has a CORS header (GET, POST, OPTIONS)', async () => {
  const answers = [
    await raw(ddb.endpoint, 'GET', {}),
    await raw(ddb.endpoint, 'POST', { ...SIGNED, 'x-amz-target': 'DynamoDB_20120810.ListTables' }, '{}'),
    await raw(ddb.endpoint, 'OPTIONS', {}),
  ];
  for (const r of answers) for (const h of CORS_HEADERS) assert.is(r.headers[h], undefined, `${h}: ${r.status}`);
});

test('an allow list (-cors http://a,http://b) echoes an allowed origin with Vary: Origin and ignores others', async () => {
  const endpoint = await serverWith(['http://app.test:3000', 'http://admin.test']);
  const allowed = await raw(endpoint, 'OPTIONS', {
    origin: 'http://admin.test',
    'access-control-request-method': 'POST',
  });
  assert.is(allowed.status, 200);
  assert.is(allowed.headers['access-control-allow-origin'], 'http://admin.test');
  assert.is(allowed.headers.vary, 'Origin');
  const other = await raw(
    endpoint,
    'POST',
    {
      ...SIGNED,
      origin: 'http://evil.test',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
    },
    '{}',
  );
  assert.is(other.status, 200); // answered, but a browser will not hand it to the page
  for (const h of CORS_HEADERS) assert.is(other.headers[h], undefined, h);
});

test('--cors off: no CORS headers even with an Origin', async () => {
  const endpoint = await serverWith(false);
  const r = await raw(endpoint, 'GET', { origin: 'http://localhost:5173' });
  assert.is(r.status, 200);
  for (const h of CORS_HEADERS) assert.is(r.headers[h], undefined, h);
});

test.run();
