// What an answered write survives: the server is killed with SIGKILL the moment the last answer arrives, then
// restarted on the same data dir. Every answered write must be there, in every sync mode that keeps data
// (packages/dynamodb README, "Durability"). A machine crash, which only --sync always survives, is not testable here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DynamoDBClient,
  CreateTableCommand,
  PutItemCommand,
  UpdateItemCommand,
  ScanCommand,
  DescribeTableCommand,
} from '@aws-sdk/client-dynamodb';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliArgs = ['--conditions=ack-local-source', '--import', 'tsx', join(repoRoot, 'packages/cli/src/main.ts')];

/** `ack-local dynamodb` as a child process; resolves with its endpoint once ready. */
async function startServer(dataDir: string, extra: string[]) {
  const child = spawn(
    process.execPath,
    [...cliArgs, 'dynamodb', '--data-dir', dataDir, '--dynamodb-port', '0', '--log-format', 'json', ...extra],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const t0 = Date.now();
  for (;;) {
    const m = out.match(/DynamoDB ready at (http:\/\/\S+) \(([^)]*)\)/);
    if (m) {
      const client = new DynamoDBClient({
        endpoint: m[1],
        region: 'us-west-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      return {
        client,
        readyLine: m[2]!,
        kill: async () => (child.kill('SIGKILL'), await exited),
        stop: async () => (child.kill('SIGTERM'), await exited),
      };
    }
    if (Date.now() - t0 > 60_000 || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const [mode, flags, label] of [
  ['background (default)', [], /writes answered once committed, flushed to disk within 100 ms/],
  ['always', ['--sync', 'always'], /writes answered once flushed to disk/],
] as const) {
  test(`sync ${mode}: every answered write survives a SIGKILL right after its answer`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ack-durability-'));
    try {
      const first = await startServer(dataDir, [...flags]);
      assert.match(first.readyLine, label);
      await first.client.send(
        new CreateTableCommand({
          TableName: 'kept',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      // 400 puts, 16 at a time (so several requests share group commits), then 50 increments of one counter.
      const keys = Array.from({ length: 400 }, (_, i) => `k${i}`);
      for (let i = 0; i < keys.length; i += 16)
        await Promise.all(
          keys
            .slice(i, i + 16)
            .map((pk) =>
              first.client.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: pk }, v: { S: pk } } })),
            ),
        );
      for (let i = 0; i < 50; i++)
        await first.client.send(
          new UpdateItemCommand({
            TableName: 'kept',
            Key: { pk: { S: 'counter' } },
            UpdateExpression: 'ADD n :one',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          }),
        );
      await first.kill(); // no clean stop: nothing gets flushed on the way out
      first.client.destroy();

      const second = await startServer(dataDir, [...flags]);
      try {
        let count = 0;
        let counter: string | undefined;
        let start: Record<string, any> | undefined;
        do {
          const page = await second.client.send(new ScanCommand({ TableName: 'kept', ExclusiveStartKey: start }));
          for (const item of page.Items ?? []) {
            if (item.pk!.S === 'counter') counter = item.n!.N;
            else if (item.v!.S === item.pk!.S) count++;
          }
          start = page.LastEvaluatedKey;
        } while (start);
        assert.is(count, 400, 'every answered PutItem');
        assert.is(counter, '50', 'every answered UpdateItem');
        const table = await second.client.send(new DescribeTableCommand({ TableName: 'kept' }));
        assert.is(table.Table!.ItemCount, 401, 'item count kept with the items');
      } finally {
        await second.stop();
        second.client.destroy();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

test.run();
