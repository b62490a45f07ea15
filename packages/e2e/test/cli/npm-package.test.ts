// @test-timeout-seconds 600
// The publishable `ack-local` package as a team installs it: build it, `npm pack`, install the tarball into a
// fresh project with npm (its dependencies come from the npm registry, nothing from this workspace), then use the
// bin and the Node API from that project with the AWS SDK v3, and type-check a TypeScript user of the API.
// Without the npm registry (offline machine) the install cannot happen: the test skips LOUDLY.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipLoudly } from '../../src/tools.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const packageDir = join(repoRoot, 'packages/cli/npm');
const work = mkdtempSync(join(tmpdir(), 'ack-local-npm-'));
const project = join(work, 'project');
// The AWS SDK of this workspace, imported by absolute path: the project under test installs only ack-local.
const sdk = join(repoRoot, 'packages/e2e/node_modules/@aws-sdk/client-dynamodb/dist-cjs/index.js');
const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

test.after(() => rmSync(work, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string, timeout = 300_000) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_fund: 'false' } });
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`,
  };
}

const registry = sh('npm', ['ping'], work, 30_000);
if (registry.status !== 0) {
  skipLoudly(
    'npm package install',
    `the npm registry does not answer (npm ping): ${registry.out.trim().split('\n').pop()}`,
  );
} else {
  let tarball = '';

  test('npm pack: a tarball of the bundle, its types and README; no workspace package in its dependencies', () => {
    const built = sh(process.execPath, [join(packageDir, 'build.mjs')], repoRoot);
    assert.is(built.status, 0, built.out);
    const packed = sh('npm', ['pack', '--json', '--pack-destination', work], packageDir);
    assert.is(packed.status, 0, packed.out);
    const [info] = JSON.parse(packed.out.slice(packed.out.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(work, info!.filename);
    const paths = info!.files.map((f) => f.path);
    assert.ok(paths.includes('dist/ack-local.mjs') && paths.includes('dist/index.mjs'), paths.join(' '));
    assert.ok(paths.includes('dist/index.d.ts') && paths.includes('README.md') && paths.includes('package.json'));
    assert.ok(
      paths.every((p) => p === 'package.json' || p === 'README.md' || p.startsWith('dist/')),
      paths.join(' '),
    );
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    assert.is(manifest.name, 'ack-local');
    assert.not.ok(manifest.private);
    for (const [name, range] of Object.entries(manifest.dependencies as Record<string, string>)) {
      assert.not.match(name, /^@ack-local\//);
      assert.not.match(range, /^workspace:/);
    }
    const bundle = paths.filter((p) => p.endsWith('.mjs')).map((p) => readFileSync(join(packageDir, p), 'utf8'));
    assert.not.ok(
      bundle.some((code) => /from ["']@ack-local\//.test(code)),
      'the bundle imports a workspace package',
    );
  });

  test('npm install of the tarball into a fresh project (dependencies from the registry)', () => {
    sh('mkdir', ['-p', project], work);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
    );
    const installed = sh('npm', ['install', '--no-audit', '--no-fund', tarball], project, 400_000);
    assert.is(installed.status, 0, installed.out);
    assert.ok(existsSync(join(project, 'node_modules/ack-local/dist/index.mjs')));
    assert.ok(existsSync(join(project, 'node_modules/.bin/ack-local')));
    assert.not.ok(existsSync(join(project, 'node_modules/@ack-local')), 'no workspace package was installed');
  });

  test('the bin: npx ack-local dynamodb --help, then DynamoDB Local flags, then the SDK against it', async () => {
    const help = sh('npx', ['--no-install', 'ack-local', 'dynamodb', '--help'], project);
    assert.is(help.status, 0, help.out);
    assert.match(help.out, /Usage: ack-local dynamodb/);
    assert.match(help.out, /-sharedDb/);
    const child = spawn(
      join(project, 'node_modules/.bin/ack-local'),
      ['dynamodb', '-inMemory', '-sharedDb', '-port', '0'],
      {
        cwd: project,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const t0 = Date.now();
      while (!/DynamoDB ready at (http:\/\/\S+)/.test(out)) {
        if (child.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`not ready:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const endpoint = out.match(/DynamoDB ready at (http:\/\/\S+)/)![1]!;
      writeFileSync(
        join(project, 'bin-check.mjs'),
        `import { createRequire } from 'node:module';
const { DynamoDBClient, CreateTableCommand, ListTablesCommand } = createRequire(import.meta.url)(${JSON.stringify(sdk)});
const client = new DynamoDBClient({ endpoint: process.argv[2], region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
await client.send(new CreateTableCommand({ TableName: 'tbl', BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
// -sharedDb: another key and region see the same table.
const other = new DynamoDBClient({ endpoint: process.argv[2], region: 'us-east-1', credentials: { accessKeyId: 'c', secretAccessKey: 'd' } });
console.log(JSON.stringify((await other.send(new ListTablesCommand({}))).TableNames));
`,
      );
      const r = sh(process.execPath, ['bin-check.mjs', endpoint], project, 60_000);
      assert.is(r.status, 0, r.out);
      assert.is(r.stdout.trim(), '["tbl"]', r.out);
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('the API: startDynamoDB and startAckLocal from the installed package, driven by the SDK and fetch', () => {
    writeFileSync(
      join(project, 'api-check.mjs'),
      `import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { startDynamoDB, startAckLocal } from 'ack-local';
const { DynamoDBClient, CreateTableCommand, PutItemCommand, GetItemCommand } = createRequire(import.meta.url)(${JSON.stringify(sdk)});
const ddb = await startDynamoDB();
const client = new DynamoDBClient({ endpoint: ddb.endpoint, region: ddb.region, credentials: ddb.credentials });
await client.send(new CreateTableCommand({ TableName: 'users', BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
await client.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'u1' }, name: { S: 'Ada' } } }));
const got = await client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'u1' } } }));
await ddb.stop();
const ack = await startAckLocal();
const ns = await fetch(ack.kubeUrl + '/api/v1/namespaces/carts').then((r) => r.json());
const crd = await fetch(ack.kubeUrl + '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/tables.dynamodb.services.k8s.aws').then((r) => r.json());
const kubeconfigWritten = existsSync(ack.kubeconfigPath);
await ack.stop();
console.log(JSON.stringify({ name: got.Item.name.S, port: ddb.port, env: ddb.env.AWS_ENDPOINT_URL_DYNAMODB === ddb.endpoint,
  ns: ns.metadata.name, crd: crd.spec.names.kind, kubeconfigWritten, ackEnv: ack.env.KUBECONFIG === ack.kubeconfigPath }));
`,
    );
    const r = sh(process.execPath, ['api-check.mjs'], project, 120_000);
    assert.is(r.status, 0, r.out);
    const result = JSON.parse(r.stdout.trim());
    assert.is(result.name, 'Ada');
    assert.ok(result.port > 0);
    assert.equal(
      { ...result, port: 0 },
      { name: 'Ada', port: 0, env: true, ns: 'carts', crd: 'Table', kubeconfigWritten: true, ackEnv: true },
    );
  });

  test("the API's types: a TypeScript user type-checks against the package's index.d.ts", () => {
    writeFileSync(
      join(project, 'typed.ts'),
      `import { startDynamoDB, startAckLocal, type RunningDynamoDB, type StartAckLocalOptions } from 'ack-local';
const options: StartAckLocalOptions = { inMemory: true, dynamodbPort: 0, kubePort: 0, namespaces: ['a'] };
export async function setup(): Promise<[RunningDynamoDB, string]> {
  const ddb = await startDynamoDB({ port: 0, region: 'eu-west-1', isolation: 'shared' });
  const ack = await startAckLocal(options);
  const url: string = ack.kubeUrl;
  return [ddb, url];
}
// @ts-expect-error: ports are numbers
void startDynamoDB({ port: '8000' });
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false },
        files: ['typed.ts'],
      }),
    );
    const r = sh(process.execPath, [tsc, '-p', 'tsconfig.json'], project, 120_000);
    assert.is(r.status, 0, r.out);
  });
}

test.run();
