// The HTTP answer path (server/operation-listener.ts, server/busy-poll.ts), over real sockets: answers of one turn
// leave together and each reaches its own request; after answering, the loop polls for a bounded window, then sleeps.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openEngine, createDynamoDBServer, type DynamoDBEngine } from '../../src/index.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=local/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=00';
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
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${op}`, authorization: AUTH, 'x-amz-date': '20260101T000000Z' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  return { call, close: () => app.close() };
}

const immediatesPending = () => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('concurrent requests of one turn each get their own answer', async () => {
  const server = await serve(0);
  try {
    await server.call('CreateTable', {
      TableName: 'burst',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const keys = Array.from({ length: 48 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((pk) => server.call('PutItem', { TableName: 'burst', Item: { pk: { S: pk }, v: { N: pk.slice(1) } } })));
    // Reads, a failing read and writes in flight together: each answer must match its request.
    const answers = await Promise.all([
      ...keys.map((pk) => server.call('GetItem', { TableName: 'burst', Key: { pk: { S: pk } } })),
      server.call('GetItem', { TableName: 'missing', Key: { pk: { S: 'x' } } }),
      ...keys.map((pk) => server.call('UpdateItem', { TableName: 'burst', Key: { pk: { S: pk } }, UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' })),
    ]);
    keys.forEach((pk, i) => assert.equal(answers[i]!.body.Item, { pk: { S: pk }, v: { N: pk.slice(1) } }));
    assert.is(answers[keys.length]!.status, 400);
    assert.is(answers[keys.length]!.body.__type, 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
    keys.forEach((pk, i) => assert.equal(answers[keys.length + 1 + i]!.body.Attributes, { v: { N: String(Number(pk.slice(1)) + 1) } }));
  } finally {
    await server.close();
  }
});

test('busy polling: the loop stays awake for the window after an answer, then sleeps; 0 turns it off', async () => {
  // A window far longer than the first check, so that a stall of a loaded CI machine cannot end it early.
  const polling = await serve(300_000);
  try {
    await polling.call('ListTables', {});
    await sleep(20);
    assert.ok(immediatesPending() > 0, 'still polling 20 ms after the answer');
    await sleep(700);
    assert.is(immediatesPending(), 0, 'asleep once the window has passed');
  } finally {
    await polling.close();
  }
  const off = await serve(0);
  try {
    await off.call('ListTables', {});
    await sleep(20);
    assert.is(immediatesPending(), 0, 'no polling with a window of 0');
  } finally {
    await off.close();
  }
});

test.run();
