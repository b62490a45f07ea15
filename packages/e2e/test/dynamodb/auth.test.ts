// --auth on the DynamoDB endpoint: SigV4 signatures (header and query string) verified against --credentials,
// answered as DynamoDB answers. Clients: the AWS SDK v3 and its signer (@smithy/signature-v4), the AWS CLI, boto3.
// Evidence for each answer is named beside it; the order of checks is the one dynalite recorded against DynamoDB.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { spawn } from 'node:child_process';
import { SignatureV4 } from '@smithy/signature-v4';
import { ListTablesCommand, PutItemCommand, CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { hasBoto3, hasCommand, skipLoudly } from '../../src/tools.js';

let ddb: DynamoDBHarness;
const KEY = 'AKIDAUTHTEST';
const SECRET = 'auth-test-secret';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: SourceData) =>
  typeof data === 'string'
    ? data
    : data instanceof ArrayBuffer
      ? Buffer.from(data)
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** The hash the signer asks for, on node:crypto (HMAC when given a secret). */
class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#hash = secret ? createHmac('sha256', bytesOf(secret)) : createHash('sha256');
  }
  update(data: SourceData) {
    this.#hash.update(bytesOf(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

const signer = (secretAccessKey = SECRET, accessKeyId = KEY) =>
  new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region: 'us-west-2',
    service: 'dynamodb',
    sha256: Sha256,
  });

interface Raw {
  status: number;
  json: any;
}

/** A request the SDK's signer signed (or presigned), sent as it is. */
async function sendSigned(
  target: string,
  body: string,
  options: { signingDate?: Date; presign?: boolean; tamper?: (body: string) => string; secret?: string } = {},
): Promise<Raw> {
  const host = `127.0.0.1:${ddb.port}`;
  const unsigned = {
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: ddb.port,
    path: '/',
    query: {},
    headers: { host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${target}` },
    body,
  };
  const s = signer(options.secret);
  const signed = options.presign
    ? // The signer would move X-Amz-Target into the query string; DynamoDB reads it from the header.
      await s.presign(unsigned, {
        signingDate: options.signingDate ?? new Date(),
        expiresIn: 300,
        unhoistableHeaders: new Set(['x-amz-target']),
      })
    : await s.sign(unsigned, { signingDate: options.signingDate ?? new Date() });
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const sent = options.tamper ? options.tamper(body) : body;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: ddb.port, method: 'POST', path: query ? `/?${query}` : '/', headers: signed.headers },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(sent);
  });
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access ' +
  'Key and signing method. Consult the service documentation for details.';

test.before(async () => {
  ddb = await startDynamoDB({
    credentials: new Map([
      ['local', 'local'],
      [KEY, SECRET],
    ]),
    clientAccessKeyId: KEY,
    clientSecret: SECRET,
  });
});
test.after(async () => {
  await ddb?.close();
});

test('the SDK with a known key and its secret: writes and reads work', async () => {
  await ddb.client.send(
    new CreateTableCommand({
      TableName: 'authed',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await ddb.client.send(new PutItemCommand({ TableName: 'authed', Item: { pk: { S: 'ü-1' }, v: { S: 'x' } } }));
  const got = await ddb.client.send(new GetItemCommand({ TableName: 'authed', Key: { pk: { S: 'ü-1' } } }));
  assert.equal(got.Item, { pk: { S: 'ü-1' }, v: { S: 'x' } });
});

test('an unknown access key is UnrecognizedClientException', async () => {
  // ScyllaDB test_authorization.py (test_wrong_key_access, run against DynamoDB) and dynalite's notes: the words.
  const stranger = ddb.clientFor({ accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x', maxAttempts: 1 });
  try {
    await stranger.send(new ListTablesCommand({}));
    assert.unreachable();
  } catch (e: any) {
    assert.is(e.name, 'UnrecognizedClientException');
    assert.is(e.message, 'The security token included in the request is invalid.');
    assert.is(e.$metadata.httpStatusCode, 400);
  }
});

test('a wrong secret is InvalidSignatureException in AWS words', async () => {
  // Issue threads quoting DynamoDB (aws-sdk-js#168, boto3#482, a 2016 raw body in php-simple-amazon-dynamodb#1).
  const wrong = ddb.clientFor({ accessKeyId: KEY, secretAccessKey: 'not-the-secret', maxAttempts: 1 });
  try {
    await wrong.send(new ListTablesCommand({}));
    assert.unreachable();
  } catch (e: any) {
    assert.is(e.name, 'InvalidSignatureException');
    assert.is(e.message, SIGNATURE_MISMATCH);
  }
  const tampered = await sendSigned('ListTables', '{}', { tamper: () => '{"Limit":1}' });
  assert.equal(tampered.json, {
    __type: 'com.amazon.coral.service#InvalidSignatureException',
    message: SIGNATURE_MISMATCH,
  });
});

test('signatures older or newer than 15 minutes are refused with the skew in the message', async () => {
  // DynamoDB's words, quoted in aws-sdk-js#254 / chariot-ui#453 (expired) and aws-sdk-js#2565 (not yet current).
  const expired = await sendSigned('ListTables', '{}', { signingDate: new Date(Date.now() - 20 * 60 * 1000) });
  assert.is(expired.status, 400);
  assert.is(expired.json.__type, 'com.amazon.coral.service#InvalidSignatureException');
  assert.match(
    expired.json.message,
    /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
  );
  const future = await sendSigned('ListTables', '{}', { signingDate: new Date(Date.now() + 20 * 60 * 1000) });
  assert.is(future.json.__type, 'com.amazon.coral.service#InvalidSignatureException');
  assert.match(
    future.json.message,
    /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/,
  );
  const recent = await sendSigned('ListTables', '{}', { signingDate: new Date(Date.now() - 5 * 60 * 1000) });
  assert.is(recent.status, 200);
});

test("a presigned request from the SDK's signer is accepted; its body may not change", async () => {
  const ok = await sendSigned('ListTables', '{}', { presign: true });
  assert.is(ok.status, 200, JSON.stringify(ok.json));
  assert.ok(Array.isArray(ok.json.TableNames));
  const changed = await sendSigned('ListTables', '{}', { presign: true, tamper: () => '{"Limit":2}' });
  assert.equal(changed.json, {
    __type: 'com.amazon.coral.service#InvalidSignatureException',
    message: SIGNATURE_MISMATCH,
  });
  const wrongSecret = await sendSigned('ListTables', '{}', { presign: true, secret: 'nope' });
  assert.is(wrongSecret.json.message, SIGNATURE_MISMATCH);
});

test('the AWS CLI: the printed local:local works, another secret does not', async () => {
  if (!hasCommand('aws')) return skipLoudly('AWS CLI under --auth', 'the aws command is not installed');
  const env = (secret: string) => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_REGION: 'us-west-2',
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_MAX_ATTEMPTS: '1',
  });
  const good = await run('aws', ['dynamodb', 'list-tables', '--endpoint-url', ddb.endpoint], env('local'));
  assert.is(good.code, 0, good.err);
  assert.ok(JSON.parse(good.out).TableNames.includes('authed'));
  const bad = await run('aws', ['dynamodb', 'list-tables', '--endpoint-url', ddb.endpoint], env('wrong'));
  assert.is.not(bad.code, 0);
  assert.ok(bad.err.includes('InvalidSignatureException'), bad.err);
});

test('boto3: a known key works, an unknown one is UnrecognizedClientException', async () => {
  if (!hasBoto3()) return skipLoudly('boto3 under --auth', "python3 -c 'import boto3' failed");
  const script = `
import boto3, os
from botocore.exceptions import ClientError
def client(key, secret):
    return boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-west-2',
        aws_access_key_id=key, aws_secret_access_key=secret)
print('authed' in client('${KEY}', '${SECRET}').list_tables()['TableNames'])
try:
    client('AKIDNOBODY', 'x').list_tables()
except ClientError as e:
    print(e.response['Error']['Code'], '|', e.response['Error']['Message'])
`;
  const r = await run('python3', ['-c', script], { ...process.env, ENDPOINT: ddb.endpoint } as Record<string, string>);
  assert.is(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n'), [
    'True',
    'UnrecognizedClientException | The security token included in the request is invalid.',
  ]);
});

function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

test.run();
