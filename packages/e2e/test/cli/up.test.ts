// `ack-local up` as a user runs it: a child process, its output, its servers, and a clean stop on SIGTERM.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliArgs = ['--conditions=ack-local-source', '--import', 'tsx', join(repoRoot, 'packages/cli/src/main.ts')];

function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...cliArgs, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(output: () => string, pattern: RegExp, ms = 120_000): Promise<RegExpMatchArray> {
  const t0 = Date.now();
  for (;;) {
    const m = output().match(pattern);
    if (m) return m;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${pattern}; output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function signedCall(endpoint: string, op: string, body: object) {
  const r = await request(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${op}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
      'x-amz-date': '20260101T000000Z',
    },
    body: JSON.stringify(body),
  });
  return { status: r.statusCode, body: (await r.body.json()) as any };
}

test('up: one ready line per component, the export lines, servers answering, clean stop on SIGTERM', async () => {
  const run = cli(['up', '--in-memory', '--dynamodb-port', '0', '--kube-port', '0', '--log-format', 'json']);
  try {
    await waitFor(run.output, /ack-local is up/);
    const out = run.output();
    assert.match(
      out,
      /DynamoDB ready at http:\/\/127\.0\.0\.1:\d+ \(in memory: throwaway data in \S+, removed at exit; no fsync/,
    );
    assert.match(out, /kube-apiserver ready at http:\/\/127\.0\.0\.1:\d+/);
    assert.match(out, /ack-dynamodb-controller started/);
    assert.match(out, /ack-local is up \(ready in \d+ ms\)/);
    const endpoint = out.match(/export AWS_ENDPOINT_URL_DYNAMODB=(\S+)/)![1]!;
    const kubeconfig = out.match(/export KUBECONFIG=(\S+)/)![1]!;
    assert.match(out, /export AWS_REGION=us-west-2/);
    assert.match(out, /export AWS_ACCESS_KEY_ID=\S+/);
    assert.ok(existsSync(kubeconfig), 'kubeconfig written');
    const server = readFileSync(kubeconfig, 'utf8').match(/server: (\S+)/)![1]!;
    const ready = await request(`${server}/readyz`);
    assert.is(ready.statusCode, 200);
    assert.is(await ready.body.text(), 'ok');
    const list = await signedCall(endpoint, 'ListTables', {});
    assert.is(list.status, 200);
    assert.equal(list.body, { TableNames: [] });
    const dataDir = kubeconfig.replace(/\/kubeconfig$/, '');
    run.child.kill('SIGTERM');
    assert.is(await run.exited, 0);
    assert.ok(!existsSync(dataDir), '--in-memory removes its data dir at exit');
  } finally {
    run.child.kill('SIGKILL');
  }
});

test('up --print-env prints exports for bash and fish without starting anything', async () => {
  const bash = cli(['up', '--print-env', 'bash', '--dynamodb-port', '8123']);
  assert.is(await bash.exited, 0);
  assert.match(bash.output(), /^export AWS_ENDPOINT_URL_DYNAMODB=http:\/\/127\.0\.0\.1:8123$/m);
  const fish = cli(['up', '--print-env', 'fish']);
  assert.is(await fish.exited, 0);
  assert.match(fish.output(), /^set -gx KUBECONFIG \S+;$/m);
});

test('bad flags exit 2 with a clear message', async () => {
  const run = cli(['up', '--dynamodb-port', 'nope']);
  assert.is(await run.exited, 2);
  assert.match(run.output(), /ack-local: --dynamodb-port: not a port: nope/);
});

test('--seed loads tables; export then import restores them; data survive a restart; --reset wipes them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ack-local-cli-'));
  const seedFile = join(dir, 'seed.json');
  const items = Array.from({ length: 1200 }, (_, i) => ({ pk: { S: `k${i}` }, n: { N: String(i) } }));
  writeFileSync(
    seedFile,
    JSON.stringify({
      tables: [
        {
          TableName: 'seeded',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          Items: items,
        },
      ],
    }),
  );
  const dataDir = join(dir, 'data');
  const first = cli([
    'dynamodb',
    '--data-dir',
    dataDir,
    '--dynamodb-port',
    '0',
    '--seed',
    seedFile,
    '--log-format',
    'json',
  ]);
  try {
    const endpoint = (await waitFor(first.output, /DynamoDB ready at (http:\/\/\S+)/))[1]!;
    const d = await signedCall(endpoint, 'DescribeTable', { TableName: 'seeded' });
    assert.is(d.body.Table?.ItemCount, 1200, JSON.stringify(d.body));
    const dump = join(dir, 'seeded.jsonl');
    const exp = cli(['export', '--table', 'seeded', '--out', dump, '--endpoint', endpoint]);
    assert.is(await exp.exited, 0, exp.output());
    const lines = readFileSync(dump, 'utf8').trim().split('\n');
    assert.is(lines.length, 1201);
    assert.equal(JSON.parse(lines[0]!).Table.TableName, 'seeded');
    const imp = cli(['import', dump, '--table', 'copy', '--endpoint', endpoint]);
    assert.is(await imp.exited, 0, imp.output());
    const c = await signedCall(endpoint, 'DescribeTable', { TableName: 'copy' });
    assert.is(c.body.Table.ItemCount, 1200);
    first.child.kill('SIGTERM');
    assert.is(await first.exited, 0);
    const second = cli(['dynamodb', '--data-dir', dataDir, '--dynamodb-port', '0', '--log-format', 'json']);
    try {
      const endpoint2 = (await waitFor(second.output, /DynamoDB ready at (http:\/\/\S+)/))[1]!;
      const got = await signedCall(endpoint2, 'GetItem', { TableName: 'copy', Key: { pk: { S: 'k77' } } });
      assert.equal(got.body.Item, { pk: { S: 'k77' }, n: { N: '77' } });
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const third = cli(['dynamodb', '--data-dir', dataDir, '--dynamodb-port', '0', '--reset', '--log-format', 'json']);
    try {
      const endpoint3 = (await waitFor(third.output, /DynamoDB ready at (http:\/\/\S+)/))[1]!;
      const list = await signedCall(endpoint3, 'ListTables', {});
      assert.equal(list.body, { TableNames: [] }, '--reset wipes the data dir');
    } finally {
      third.child.kill('SIGTERM');
      await third.exited;
    }
  } finally {
    first.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
