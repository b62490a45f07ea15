// `ack-local streams tail` as a child process against a DynamoDB server: it prints a table's changes live as JSON
// lines, from the start of the stream (--from trim-horizon) or from now on (--from latest), across a shard
// roll-over in order.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { rollStreamShards } from '@ack-local/dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';
import { createTable, waitFor } from '../dynamodb/features-support.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliArgs = ['--conditions=ack-local-source', '--import', 'tsx', join(repoRoot, 'packages/cli/src/main.ts')];

let ddb: DynamoDBHarness;
test.before(async () => {
  ddb = await startDynamoDB();
  await createTable(ddb.client, 'tailed', {
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  await put('before', '1');
});
test.after(async () => ddb?.close());

const put = (id: string, v: string) =>
  ddb.client.send(new PutItemCommand({ TableName: 'tailed', Item: { id: { S: id }, v: { N: v } } }));

function tail(from: string) {
  const child = spawn(
    process.execPath,
    [...cliArgs, 'streams', 'tail', '--table', 'tailed', '--from', from, '--endpoint', ddb.endpoint],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_REGION: 'us-west-2' } },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    lines: () =>
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, any>),
    started: () => waitFor(() => err.includes('tailing '), 60_000),
    stop: async () => (child.kill('SIGTERM'), await exited),
    err: () => err,
  };
}

test('--from trim-horizon prints every change, in order across a shard roll-over', async () => {
  const t = tail('trim-horizon');
  try {
    await t.started();
    await put('before', '2');
    rollStreamShards(ddb.engine, 'tailed');
    await ddb.client.send(
      new UpdateItemCommand({
        TableName: 'tailed',
        Key: { id: { S: 'before' } },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { N: '3' } },
      }),
    );
    await ddb.client.send(new DeleteItemCommand({ TableName: 'tailed', Key: { id: { S: 'before' } } }));
    await waitFor(() => t.lines().length >= 4, 30_000);
    const lines = t.lines();
    assert.equal(
      lines.map((l) => [l.event, l.new?.v?.N, l.old?.v?.N]),
      [
        ['INSERT', '1', undefined],
        ['MODIFY', '2', '1'],
        ['MODIFY', '3', '2'],
        ['REMOVE', undefined, '3'],
      ],
    );
    assert.equal(lines[0]!.keys, { id: { S: 'before' } });
    assert.match(lines[0]!.sequenceNumber, /^\d{21}$/);
    assert.match(lines[0]!.time, /^\d{4}-\d\d-\d\dT/);
  } finally {
    await t.stop();
  }
});

test('--from latest prints only what changes after it started', async () => {
  const t = tail('latest');
  try {
    await t.started();
    await put('after', '9');
    await waitFor(() => t.lines().length >= 1, 30_000);
    assert.equal(
      t.lines().map((l) => [l.event, l.keys.id.S]),
      [['INSERT', 'after']],
    );
  } finally {
    await t.stop();
  }
});

test('a table without a stream is refused with a clear message', async () => {
  await createTable(ddb.client, 'plain');
  const child = spawn(
    process.execPath,
    [...cliArgs, 'streams', 'tail', '--table', 'plain', '--endpoint', ddb.endpoint],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.is.not(code, 0);
  assert.match(err, /table plain has no enabled stream/);
});

test.run();
