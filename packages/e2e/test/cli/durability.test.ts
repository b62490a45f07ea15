// What an answered write survives: the server is killed with SIGKILL the moment the last answer arrives, then
// restarted on the same data dir. Every answered write must be there, in every sync mode that keeps data
// (packages/dynamodb README, "Durability"), and on the kube side (`ack-local up`: objects, patches and the
// resourceVersion; packages/kube-apiserver README, "Storage"). A machine crash, which only --sync always
// survives, is not testable here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'undici';
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

/** `ack-local up` as a child process (all three components); resolves with the kube-apiserver's URL once ready. */
async function startUp(dataDir: string) {
  const child = spawn(
    process.execPath,
    [...cliArgs, 'up', '--data-dir', dataDir, '--dynamodb-port', '0', '--kube-port', '0', '--log-format', 'json'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const t0 = Date.now();
  for (;;) {
    const m = out.match(/kube-apiserver ready at (http:\/\/\S+) /);
    if (m && /ack-local is up/.test(out))
      return {
        url: m[1]!,
        kill: async () => (child.kill('SIGKILL'), await exited),
        stop: async () => (child.kill('SIGTERM'), await exited),
      };
    if (Date.now() - t0 > 90_000 || child.exitCode !== null) throw new Error(`ack-local up did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function kubeCall(base: string, method: string, path: string, body?: unknown, type = 'application/json') {
  const res = await request(`${base}${path}`, {
    method: method as 'GET',
    headers: body !== undefined ? { 'content-type': type } : {},
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, json: (await res.body.json()) as any };
}

test('kube side: every answered create and patch survives a SIGKILL right after its answer', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ack-durability-kube-'));
  const CM = '/api/v1/namespaces/default/configmaps';
  try {
    const first = await startUp(dataDir);
    // 200 ConfigMaps, 16 at a time (several commits share a background flush), then 30 patches of one counter
    const names = Array.from({ length: 200 }, (_, i) => `kept-${i}`);
    let lastRv = 0;
    for (let i = 0; i < names.length; i += 16)
      for (const created of await Promise.all(
        names.slice(i, i + 16).map((name) => kubeCall(first.url, 'POST', CM, { metadata: { name }, data: { name } })),
      )) {
        assert.is(created.status, 201);
        lastRv = Math.max(lastRv, Number(created.json.metadata.resourceVersion));
      }
    assert.is((await kubeCall(first.url, 'POST', CM, { metadata: { name: 'counter' }, data: { n: '0' } })).status, 201);
    for (let n = 1; n <= 30; n++) {
      const patched = await kubeCall(
        first.url,
        'PATCH',
        `${CM}/counter`,
        { data: { n: String(n) } },
        'application/merge-patch+json',
      );
      assert.is(patched.status, 200);
      lastRv = Number(patched.json.metadata.resourceVersion);
    }
    await first.kill(); // no clean stop: nothing gets flushed on the way out

    const second = await startUp(dataDir);
    try {
      const list = await kubeCall(second.url, 'GET', `${CM}?labelSelector=`);
      const kept = list.json.items.filter((o: any) => o.metadata.name.startsWith('kept-'));
      assert.is(kept.length, 200, 'every answered create');
      assert.ok(kept.every((o: any) => o.data.name === o.metadata.name));
      const counter = await kubeCall(second.url, 'GET', `${CM}/counter`);
      assert.is(counter.json.data.n, '30', 'every answered patch');
      assert.is(Number(counter.json.metadata.resourceVersion), lastRv, 'the resourceVersion with it');
      assert.ok(Number(list.json.metadata.resourceVersion) >= lastRv, 'resourceVersions never go back');
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
