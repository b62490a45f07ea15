// The real AWS CLI against our endpoint (no network, dummy credentials): create a table with a GSI, put, query
// the GSI, a conditional update that passes and one that fails, delete; errors reach the CLI in DynamoDB's words.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';

/** The CLI executable itself: going through a version manager's shim (pyenv) costs seconds per call. */
function resolveCli(): string | undefined {
  const viaPyenv = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' });
  const candidate = viaPyenv.status === 0 ? viaPyenv.stdout.trim() : 'aws';
  return spawnSync(candidate, ['--version'], { encoding: 'utf8' }).status === 0 ? candidate : undefined;
}
const cli = resolveCli();
const hasCli = cli !== undefined;
let ddb: DynamoDBHarness;
let home: string;

/** Runs the CLI asynchronously: the server answering it lives in this process. */
function aws(...args: string[]): Promise<{ status: number | null; json: any; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cli!,
      ['dynamodb', ...args, '--endpoint-url', ddb.endpoint, '--region', 'us-west-2', '--output', 'json'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_ACCESS_KEY_ID: 'dummy',
          AWS_SECRET_ACCESS_KEY: 'dummy',
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        let json: any;
        try {
          json = stdout.trim() ? JSON.parse(stdout) : undefined;
        } catch {
          json = stdout;
        }
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, json, stderr });
      },
    );
  });
}

test.before(async () => {
  if (!hasCli) return;
  ddb = await startDynamoDB();
  home = await mkdtemp(join(tmpdir(), 'ack-aws-cli-'));
});
test.after(async () => {
  await ddb?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

test('aws dynamodb: table with a GSI, put, query the GSI, conditional update, delete', async () => {
  if (!hasCli) {
    console.log('⚠ SKIPPED LOUDLY: the AWS CLI (aws) is not installed; the CLI smoke test did not run');
    return;
  }
  const created = await aws(
    'create-table',
    '--table-name',
    'cli-carts',
    '--billing-mode',
    'PAY_PER_REQUEST',
    '--attribute-definitions',
    'AttributeName=id,AttributeType=S',
    'AttributeName=customerId,AttributeType=S',
    '--key-schema',
    'AttributeName=id,KeyType=HASH',
    '--global-secondary-indexes',
    JSON.stringify([
      {
        IndexName: 'byCustomer',
        KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ]),
  );
  assert.is(created.status, 0, created.stderr);
  assert.is(created.json.TableDescription.TableStatus, 'CREATING');
  assert.is(created.json.TableDescription.GlobalSecondaryIndexes[0].IndexStatus, 'CREATING');
  // The CLI is slow to start, so each call checks as much as it can: every later call needs an ACTIVE table.
  const put = await aws(
    'put-item',
    '--table-name',
    'cli-carts',
    '--item',
    JSON.stringify({ id: { S: '1' }, customerId: { S: 'c1' }, qty: { N: '1' } }),
  );
  assert.is(put.status, 0, put.stderr);
  const queried = await aws(
    'query',
    '--table-name',
    'cli-carts',
    '--index-name',
    'byCustomer',
    '--key-condition-expression',
    'customerId = :c',
    '--expression-attribute-values',
    JSON.stringify({ ':c': { S: 'c1' } }),
  );
  assert.is(queried.status, 0, queried.stderr);
  assert.is(queried.json.Count, 1);
  assert.equal(queried.json.Items[0].qty, { N: '1' });

  const updated = await aws(
    'update-item',
    '--table-name',
    'cli-carts',
    '--key',
    JSON.stringify({ id: { S: '1' } }),
    '--update-expression',
    'SET qty = qty + :one',
    '--condition-expression',
    'qty = :one',
    '--expression-attribute-values',
    JSON.stringify({ ':one': { N: '1' } }),
    '--return-values',
    'ALL_NEW',
  );
  assert.is(updated.status, 0, updated.stderr);
  assert.equal(updated.json.Attributes.qty, { N: '2' });
  const refused = await aws(
    'update-item',
    '--table-name',
    'cli-carts',
    '--key',
    JSON.stringify({ id: { S: '1' } }),
    '--update-expression',
    'SET qty = qty + :one',
    '--condition-expression',
    'qty = :one',
    '--expression-attribute-values',
    JSON.stringify({ ':one': { N: '1' } }),
  );
  assert.is.not(refused.status, 0);
  assert.match(refused.stderr, /ConditionalCheckFailedException.*The conditional request failed/);

  assert.is(
    (await aws('delete-item', '--table-name', 'cli-carts', '--key', JSON.stringify({ id: { S: '1' } }))).status,
    0,
  );
  const deleted = await aws('delete-table', '--table-name', 'cli-carts');
  assert.is(deleted.json.TableDescription.TableStatus, 'DELETING');
  const gone = await aws('describe-table', '--table-name', 'cli-carts');
  assert.is.not(gone.status, 0);
  assert.match(gone.stderr, /ResourceNotFoundException.*Requested resource not found: Table: cli-carts not found/);
});

test.run();
