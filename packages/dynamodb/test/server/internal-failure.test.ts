// A failure inside ack-local answers as DynamoDB answers an internal failure (500 InternalServerError, "Internal
// server error") and logs its real cause in words. A full disk is injected two ways: an error with LMDB's errno
// 28 from the engine, and (where this process may mount one) a real 2 MB tmpfs that fills up.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, type DynamoDBEngine } from '../../src/index.js';
import { answerOperation } from '../../src/server/protocol.js';
import { logInternalFailure } from '../../src/server/internal-failure.js';

const HEADERS = (target: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `DynamoDB_20120810.${target}`,
  authorization:
    'AWS4-HMAC-SHA256 Credential=a/20240101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20240101T000000Z',
});

function recorder() {
  const lines: { object: Record<string, unknown>; message: string }[] = [];
  return { lines, error: (object: object, message: string) => lines.push({ object: object as never, message }) };
}

const INTERNAL = { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' };

test('an injected ENOSPC answers InternalServerError and logs the full disk with the data dir', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ack-enospc-'));
  const engine = await openEngine({ dataDir, sync: 'never' });
  try {
    engine.dispatchWire = () =>
      Promise.reject(Object.assign(new Error('No space left on device: Attempting to write page'), { code: 28 }));
    const log = recorder();
    const answer = await answerOperation(engine, HEADERS('ListTables'), '{}', (e) =>
      logInternalFailure(log, e, dataDir),
    );
    assert.is(answer.status, 500);
    assert.equal(JSON.parse(String(answer.body)), INTERNAL);
    assert.is(log.lines.length, 1);
    assert.is(log.lines[0]!.object.cause, 'ENOSPC');
    assert.match(log.lines[0]!.message, `the disk holding ${dataDir} is full (ENOSPC)`);
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('other failures are logged with their message', () => {
  const log = recorder();
  logInternalFailure(log, Object.assign(new Error('Input/output error'), { code: 5 }), '/d');
  logInternalFailure(log, new TypeError('boom'), '/d');
  assert.equal(
    log.lines.map((l) => l.message),
    ['DynamoDB: input/output error (EIO) on /d', 'DynamoDB: internal error: boom'],
  );
});

test('a real full tmpfs: writes answer InternalServerError, the log names ENOSPC, reads still work', async () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'ack-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  } catch {
    rmSync(mountPoint, { recursive: true, force: true });
    console.log('⚠ SKIPPED LOUDLY: full-disk test on a real tmpfs: this process may not mount one (needs root)');
    return;
  }
  let engine: DynamoDBEngine | undefined;
  try {
    engine = await openEngine({ dataDir: mountPoint, sync: 'never' });
    const log = recorder();
    const call = (target: string, body: unknown) =>
      answerOperation(engine!, HEADERS(target), JSON.stringify(body), (e) => logInternalFailure(log, e, mountPoint));
    await call('CreateTable', {
      TableName: 'full',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    let failed: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 5000 && !failed; i++) {
      const answer = await call('PutItem', {
        TableName: 'full',
        Item: { pk: { S: `k${i}` }, d: { S: 'x'.repeat(2000) } },
      });
      if (answer.status !== 200) failed = answer;
    }
    assert.ok(failed, 'the 2 MB tmpfs filled up');
    assert.is(failed.status, 500);
    assert.equal(JSON.parse(String(failed.body)), INTERNAL);
    assert.ok(
      log.lines.some((l) => l.object.cause === 'ENOSPC'),
      JSON.stringify(log.lines.map((l) => l.message)),
    );
    const read = await call('GetItem', { TableName: 'full', Key: { pk: { S: 'k1' } } });
    assert.is(read.status, 200);
  } finally {
    // lmdb-js aborts the process ("double free or corruption") when an environment that hit ENOSPC is closed;
    // the engine is left open here and the mount lazily detached, so the test process ends normally.
    execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

test.run();
