// The HTTP answer path (server/operation-listener.ts, server/busy-poll.ts), over real sockets: answers of one turn
// leave together and each reaches its own request; after answering, the loop polls (busy-poll.test.ts: the window).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { crc32 } from 'node:zlib';
import { openEngine, createDynamoDBServer, type DynamoDBEngine } from '../../src/index.js';

const AUTH =
  'AWS4-HMAC-SHA256 Credential=local/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=00';
const dir = mkdtempSync(join(tmpdir(), 'answer-path-'));
let engine: DynamoDBEngine;
test.before(async () => {
  engine = await openEngine({ dataDir: dir, sync: 'never' });
});
test.after(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(busyPollUs: number) {
  const app = await createDynamoDBServer({ engine, logger: false, busyPollUs });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  // Node's fetch (undici inside): concurrent calls go over several keep-alive connections.
  const call = async (op: string, body: object) => {
    const r = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${op}`,
        authorization: AUTH,
        'x-amz-date': '20260101T000000Z',
      },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  return { call, url, close: () => app.close() };
}

/** CreateTable input: a string hash key `pk`, on demand. */
const hashTable = (TableName: string) => ({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
});
const immediatesPending = () => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('concurrent requests of one turn each get their own answer', async () => {
  const server = await serve(0);
  try {
    await server.call('CreateTable', hashTable('burst'));
    const keys = Array.from({ length: 48 }, (_, i) => `k${i}`);
    await Promise.all(
      keys.map((pk) => server.call('PutItem', { TableName: 'burst', Item: { pk: { S: pk }, v: { N: pk.slice(1) } } })),
    );
    // Reads, a failing read and writes in flight together: each answer must match its request.
    const answers = await Promise.all([
      ...keys.map((pk) => server.call('GetItem', { TableName: 'burst', Key: { pk: { S: pk } } })),
      server.call('GetItem', { TableName: 'missing', Key: { pk: { S: 'x' } } }),
      ...keys.map((pk) =>
        server.call('UpdateItem', {
          TableName: 'burst',
          Key: { pk: { S: pk } },
          UpdateExpression: 'ADD v :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    ]);
    keys.forEach((pk, i) => assert.equal(answers[i]!.body.Item, { pk: { S: pk }, v: { N: pk.slice(1) } }));
    assert.is(answers[keys.length]!.status, 400);
    assert.is(answers[keys.length]!.body.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
    keys.forEach((pk, i) =>
      assert.equal(answers[keys.length + 1 + i]!.body.Attributes, { v: { N: String(Number(pk.slice(1)) + 1) } }),
    );
  } finally {
    await server.close();
  }
});

test('busy polling is wired into the answer path: awake after an answer, never with a window of 0', async () => {
  // The window's timing itself is tested with a stepped clock in busy-poll.test.ts; here only the wiring. A few
  // timer turns let the client's own immediates drain; a 2 s window does not end within them.
  const afterTimerTurns = async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  };
  const off = await serve(0);
  try {
    await off.call('ListTables', {});
    await afterTimerTurns();
    assert.is(immediatesPending(), 0, 'no polling with a window of 0');
  } finally {
    await off.close();
  }
  const polling = await serve(2_000_000);
  try {
    await polling.call('ListTables', {});
    await afterTimerTurns();
    assert.ok(immediatesPending() > 0, 'still polling after the answer');
  } finally {
    await polling.close();
  }
});

test('a large answer that its client is slow to read keeps its buffer until sent', async () => {
  // Large bodies are written into pooled buffers (server/body-bytes.ts), which go back to the pool on the
  // response's 'finish'. A client that reads nothing leaves most of an 8 MB BatchGetItem answer in node's socket
  // queue (the kernel takes a few MB); answers served meanwhile must not be written into that buffer.
  const server = await serve(0);
  const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  try {
    await server.call('CreateTable', {
      TableName: 'wide',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const filler = (pk: string) => pk.repeat(350_000 / pk.length);
    const keys = (pk: string) => Array.from({ length: 24 }, (_, sk) => ({ pk: { S: pk }, sk: { N: String(sk) } }));
    for (const pk of ['slow', 'fast']) {
      for (const key of keys(pk))
        await server.call('PutItem', { TableName: 'wide', Item: { ...key, d: { S: filler(pk) } } });
    }
    const batchGet = (pk: string) => ({ RequestItems: { wide: { Keys: keys(pk) } } });
    const itemsOf = (answer: any, pk: string) =>
      answer.Responses.wide.length === 24 && answer.Responses.wide.every((it: any) => it.d.S === filler(pk));
    socket.pause(); // reads nothing until resumed
    writeRawRequest(socket, 'BatchGetItem', batchGet('slow'));
    await sleep(200);
    for (let i = 0; i < 2; i++) assert.ok(itemsOf((await server.call('BatchGetItem', batchGet('fast'))).body, 'fast'));
    const { head, body: answer } = await readRawAnswer(socket);
    assert.ok(answer.length > 8_000_000, `an 8 MB answer, got ${answer.length} bytes`);
    assert.is(Number(/x-amz-crc32: (\d+)/i.exec(head)?.[1]), crc32(answer), 'the CRC32 of the bytes received');
    assert.ok(itemsOf(JSON.parse(answer.toString()), 'slow'), 'the slow answer holds only its own items');
  } finally {
    socket.destroy();
    await server.close();
  }
});

/** Writes one operation as raw HTTP/1.1 bytes, asking the server to close the connection after its answer. */
function writeRawRequest(socket: Socket, op: string, payload: object) {
  const text = JSON.stringify(payload);
  socket.write(
    `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.${op}\r\n` +
      `authorization: ${AUTH}\r\nx-amz-date: 20260101T000000Z\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}

/** Reads the socket to its end (resuming it if paused): the raw head and body bytes as the server sent them. */
async function readRawAnswer(socket: Socket): Promise<{ head: string; body: Buffer }> {
  const received: Buffer[] = [];
  const raw = await new Promise<Buffer>((resolve, reject) => {
    socket
      .on('data', (chunk: Buffer) => received.push(chunk))
      .on('end', () => resolve(Buffer.concat(received)))
      .on('error', reject);
    socket.resume();
  });
  const split = raw.indexOf('\r\n\r\n');
  return { head: raw.subarray(0, split).toString(), body: raw.subarray(split + 4) };
}

/** One request over a fresh socket, read to the end. */
function rawCall(url: string, op: string, payload: object): Promise<{ head: string; body: Buffer }> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  writeRawRequest(socket, op, payload);
  return readRawAnswer(socket);
}

test('small answers go out as text: content-length and CRC32 are of their UTF-8 bytes (1- to 4-byte characters)', async () => {
  // Small bodies stay strings (server/body-bytes.ts) and node encodes them into the socket write: the headers must
  // count bytes, not UTF-16 units, or an SDK reads a cut body or fails its CRC32 check.
  const server = await serve(0);
  try {
    await server.call('CreateTable', hashTable('texts'));
    const value = 'a€é😀'.repeat(200); // 10 bytes in 5 UTF-16 units
    await server.call('PutItem', { TableName: 'texts', Item: { pk: { S: 'ключ' }, d: { S: value } } });
    for (const [op, payload] of [
      ['GetItem', { TableName: 'texts', Key: { pk: { S: 'ключ' } } }],
      [
        'Query',
        { TableName: 'texts', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'ключ' } } },
      ],
      ['GetItem', { TableName: 'texts', Key: { pk: { S: 'ключ' } }, ProjectionExpression: 'nope.' }], // a ValidationException
    ] as const) {
      const { head, body } = await rawCall(server.url, op, payload);
      assert.is(Number(/content-length: (\d+)/i.exec(head)?.[1]), body.length, `${op}: content-length counts bytes`);
      assert.is(Number(/x-amz-crc32: (\d+)/i.exec(head)?.[1]), crc32(body), `${op}: the CRC32 of the bytes received`);
      const answer = JSON.parse(body.toString('utf8'));
      if (op === 'GetItem' && !('ProjectionExpression' in payload))
        assert.equal(answer.Item, { pk: { S: 'ключ' }, d: { S: value } });
      if (op === 'Query') assert.equal(answer.Items, [{ pk: { S: 'ключ' }, d: { S: value } }]);
      if ('ProjectionExpression' in payload) assert.is(answer.__type, 'com.amazon.coral.validate#ValidationException');
    }
  } finally {
    await server.close();
  }
});

test("app.inject() (fastify's own POST route) answers large pages exactly, one after another", async () => {
  // The route copies nothing itself: it hands the pooled buffer to fastify and releases it on 'finish'. Two large
  // answers in a row, the second reusing the first's buffer, must each arrive with their own bytes and CRC32.
  const app = await createDynamoDBServer({ engine, logger: false, busyPollUs: 0 });
  try {
    const inject = async (op: string, body: object) => {
      const r = await app.inject({
        method: 'POST',
        url: '/',
        payload: JSON.stringify(body),
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${op}`,
          authorization: AUTH,
          'x-amz-date': '20260101T000000Z',
        },
      });
      assert.is(Number(r.headers['x-amz-crc32']), crc32(r.rawPayload), `CRC32 of ${op}`);
      return { status: r.statusCode, body: r.json() as any };
    };
    assert.is(
      (
        await inject('CreateTable', {
          TableName: 'injected',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'N' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        })
      ).status,
      200,
    );
    for (const pk of ['a', 'b']) {
      for (let sk = 0; sk < 20; sk++)
        await inject('PutItem', {
          TableName: 'injected',
          Item: { pk: { S: pk }, sk: { N: String(sk) }, d: { S: pk.repeat(10_000) } },
        });
    }
    const query = (pk: string) =>
      inject('Query', {
        TableName: 'injected',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: pk } },
      });
    const [a, b] = [await query('a'), await query('b')];
    assert.ok(a.body.Count === 20 && a.body.Items.every((it: any) => it.d.S === 'a'.repeat(10_000)));
    assert.ok(b.body.Count === 20 && b.body.Items.every((it: any) => it.d.S === 'b'.repeat(10_000)));
  } finally {
    await app.close();
  }
});

test.run();
