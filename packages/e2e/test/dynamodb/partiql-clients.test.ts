// PartiQL through the real AWS CLI (`aws dynamodb execute-statement` / `batch-execute-statement` /
// `execute-transaction`) and boto3 (`execute_statement` and friends): the statement forms and the errors reach
// them in DynamoDB's words. Evidence: the developer guide's AWS CLI examples (INSERT duplicate:
// "An error occurred (DuplicateItemException) ... Duplicate primary key exists in table"), moto's AWS-verified
// PartiQL tests (INSERT answers `"Items": []`), conformance suites pinned on AWS (syntax error details).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';

/** The CLI executable itself: going through a version manager's shim (pyenv) costs seconds per call. */
function resolveCli(): string | undefined {
  const viaPyenv = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' });
  const candidate = viaPyenv.status === 0 ? viaPyenv.stdout.trim() : 'aws';
  return spawnSync(candidate, ['--version'], { encoding: 'utf8' }).status === 0 ? candidate : undefined;
}
const cli = resolveCli();
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
let ddb: DynamoDBHarness;
let home: string;

function execute(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(file, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    ),
  );
}

const aws = async (...args: string[]) => {
  const r = await execute(
    cli!,
    ['dynamodb', ...args, '--endpoint-url', ddb.endpoint, '--region', 'us-west-2', '--output', 'json'],
    {
      HOME: home,
      AWS_ACCESS_KEY_ID: 'dummy',
      AWS_SECRET_ACCESS_KEY: 'dummy',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
    },
  );
  return { ...r, json: r.stdout.trim() ? JSON.parse(r.stdout) : undefined };
};

test.before(async () => {
  if (!cli && !hasBoto3) return;
  ddb = await startDynamoDB();
  home = await mkdtemp(join(tmpdir(), 'ack-partiql-cli-'));
  for (const TableName of ['Music', 'PyMusic']) {
    await ddb.client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'Artist', KeyType: 'HASH' },
          { AttributeName: 'SongTitle', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'Artist', AttributeType: 'S' },
          { AttributeName: 'SongTitle', AttributeType: 'S' },
        ],
      }),
    );
  }
});
test.after(async () => {
  await ddb?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

test('aws dynamodb execute-statement / batch-execute-statement / execute-transaction', async () => {
  if (!cli) {
    console.log('⚠ SKIPPED LOUDLY: the AWS CLI (aws) is not installed; the PartiQL CLI test did not run');
    return;
  }
  // The developer guide's INSERT example, then the same again: DuplicateItemException.
  const insert = `INSERT INTO Music VALUE {'Artist':'Acme Band','SongTitle':'PartiQL Rocks','Awards':'8'}`;
  assert.equal((await aws('execute-statement', '--statement', insert)).json, { Items: [] });
  const dup = await aws('execute-statement', '--statement', insert);
  assert.ok(dup.status !== 0, 'the CLI exits non-zero');
  assert.match(
    dup.stderr,
    'An error occurred (DuplicateItemException) when calling the ExecuteStatement operation: Duplicate primary key exists in table',
  );
  const selected = await aws(
    'execute-statement',
    '--statement',
    `SELECT * FROM "Music" WHERE Artist = ? AND SongTitle = ?`,
    '--parameters',
    '[{"S": "Acme Band"}, {"S": "PartiQL Rocks"}]',
  );
  assert.equal(selected.json.Items, [
    { Artist: { S: 'Acme Band' }, SongTitle: { S: 'PartiQL Rocks' }, Awards: { S: '8' } },
  ]);
  const updated = await aws(
    'execute-statement',
    '--statement',
    `UPDATE "Music" SET AwardsWon=1 SET AwardDetail={'Grammys':[2020, 2018]} WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks' RETURNING MODIFIED NEW *`,
  );
  assert.equal(updated.json.Items, [
    { AwardsWon: { N: '1' }, AwardDetail: { M: { Grammys: { L: [{ N: '2020' }, { N: '2018' }] } } } },
  ]);
  const malformed = await aws('execute-statement', '--statement', `SELECT * FROM "Music" WHERE`);
  assert.match(
    malformed.stderr,
    "(ValidationException) when calling the ExecuteStatement operation: Statement wasn't well formed, can't be processed: Unexpected term",
  );

  // The guide's transaction example (EXISTS, INSERT with parameters), from a file. (Its third statement updates
  // the item EXISTS checks, which one transaction may not touch twice, as in TransactWriteItems.)
  const file = join(home, 'partiql.json');
  await writeFile(
    file,
    JSON.stringify([
      {
        Statement: `EXISTS(SELECT * FROM "Music" where Artist='Acme Band' and SongTitle='PartiQL Rocks' and Awards is NOT MISSING)`,
      },
      {
        Statement: `INSERT INTO Music value {'Artist':?,'SongTitle':?}`,
        Parameters: [{ S: 'Acme Band' }, { S: 'Best Song' }],
      },
    ]),
  );
  const tx = await aws('execute-transaction', '--transact-statements', `file://${file}`);
  assert.is(tx.status, 0, tx.stderr);
  const batch = await aws(
    'batch-execute-statement',
    '--statements',
    JSON.stringify([
      { Statement: `SELECT AwardsWon FROM "Music" WHERE Artist='Acme Band' AND SongTitle='PartiQL Rocks'` },
      { Statement: `SELECT * FROM "Music" WHERE Artist='Acme Band' AND SongTitle='Best Song'` },
    ]),
  );
  assert.equal(batch.json.Responses, [
    { TableName: 'Music', Item: { AwardsWon: { N: '1' } } },
    { TableName: 'Music', Item: { Artist: { S: 'Acme Band' }, SongTitle: { S: 'Best Song' } } },
  ]);
});

const SCRIPT = String.raw`
import json, os
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ddb = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-west-2',
                   aws_access_key_id='dummy', aws_secret_access_key='dummy', config=Config(retries={'max_attempts': 1}))
out = {}
def error(call):
    try:
        call()
        return None
    except ClientError as e:
        return [e.response['Error']['Code'], e.response['Error']['Message']]

for i in range(3):
    ddb.execute_statement(Statement="INSERT INTO \"PyMusic\" VALUE {'Artist': 'Py', 'SongTitle': ?, 'n': ?}",
                          Parameters=[{'S': 'S%d' % i}, {'N': str(i)}])
out['query'] = [i['SongTitle']['S'] for i in ddb.execute_statement(
    Statement="SELECT SongTitle FROM \"PyMusic\" WHERE Artist = 'Py' AND n >= 1")['Items']]
pages, token = [], None
while True:
    kwargs = {'NextToken': token} if token else {}
    page = ddb.execute_statement(Statement='SELECT * FROM "PyMusic"', Limit=2, **kwargs)
    pages.append(len(page['Items']))
    token = page.get('NextToken')
    if not token:
        break
out['pages'] = pages
out['duplicate'] = error(lambda: ddb.execute_statement(Statement="INSERT INTO \"PyMusic\" VALUE {'Artist': 'Py', 'SongTitle': 'S0'}"))
out['missing'] = error(lambda: ddb.execute_statement(Statement="UPDATE \"PyMusic\" SET n = 1 WHERE Artist = 'Py' AND SongTitle = 'none'"))
out['key'] = error(lambda: ddb.execute_statement(Statement="DELETE FROM \"PyMusic\" WHERE Artist = 'Py'"))
out['params'] = error(lambda: ddb.execute_statement(Statement="SELECT * FROM \"PyMusic\" WHERE Artist = ?"))
out['batch'] = ddb.batch_execute_statement(Statements=[
    {'Statement': "UPDATE \"PyMusic\" SET n = 9 WHERE Artist = 'Py' AND SongTitle = 'S1'"},
    {'Statement': "INSERT INTO \"PyMusic\" VALUE {'Artist': 'Py', 'SongTitle': 'S1'}"}])['Responses']
try:
    ddb.execute_transaction(TransactStatements=[
        {'Statement': "DELETE FROM \"PyMusic\" WHERE Artist = 'Py' AND SongTitle = 'S2'"},
        {'Statement': "UPDATE \"PyMusic\" SET n = 1 WHERE Artist = 'Py' AND SongTitle = 'none'"}])
    out['tx'] = None
except ClientError as e:
    out['tx'] = [e.response['Error']['Code'], [r['Code'] for r in e.response['CancellationReasons']]]
out['left'] = sorted(i['SongTitle']['S'] for i in ddb.execute_statement(Statement='SELECT SongTitle FROM "PyMusic"')['Items'])
print(json.dumps(out))
`;

test('boto3: execute_statement, batch_execute_statement, execute_transaction', async () => {
  if (!hasBoto3) {
    console.log(
      "⚠ SKIPPED LOUDLY: python3 with boto3 is not available (python3 -c 'import boto3' failed); the PartiQL boto3 test did not run",
    );
    return;
  }
  const res = await execute('python3', ['-c', SCRIPT], {
    HOME: process.env.HOME ?? '',
    ENDPOINT: ddb.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  });
  assert.is(res.status, 0, res.stderr);
  assert.equal(JSON.parse(res.stdout), {
    query: ['S1', 'S2'],
    pages: [2, 1],
    duplicate: ['DuplicateItemException', 'Duplicate primary key exists in table'],
    missing: ['ConditionalCheckFailedException', 'The conditional request failed'],
    key: ['ValidationException', 'Where clause does not contain a mandatory equality on all key attributes'],
    params: ['ValidationException', "Number of parameters in request and statement don't match."],
    batch: [
      { TableName: 'PyMusic' },
      { TableName: 'PyMusic', Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } },
    ],
    tx: ['TransactionCanceledException', ['None', 'ConditionalCheckFailed']],
    left: ['S0', 'S1', 'S2'],
  });
});

test.run();
