// boto3 against our endpoint (python3 -c, dummy credentials, no network): table with a GSI, waiter, put, query
// the GSI, conditional update (passing and failing with the exact error), delete.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile, spawnSync } from 'node:child_process';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';

const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
let ddb: DynamoDBHarness;

const SCRIPT = String.raw`
import json, os, sys
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ddb = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-west-2',
                   aws_access_key_id='dummy', aws_secret_access_key='dummy',
                   config=Config(retries={'max_attempts': 1}))
out = {}
created = ddb.create_table(
    TableName='py-carts', BillingMode='PAY_PER_REQUEST',
    AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}, {'AttributeName': 'customerId', 'AttributeType': 'S'}],
    KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}],
    GlobalSecondaryIndexes=[{'IndexName': 'byCustomer', 'KeySchema': [{'AttributeName': 'customerId', 'KeyType': 'HASH'}],
                             'Projection': {'ProjectionType': 'ALL'}}])
out['created'] = created['TableDescription']['TableStatus']
ddb.get_waiter('table_exists').wait(TableName='py-carts', WaiterConfig={'Delay': 1, 'MaxAttempts': 5})
table = ddb.describe_table(TableName='py-carts')['Table']
out['status'] = [table['TableStatus'], table['GlobalSecondaryIndexes'][0]['IndexStatus']]
out['billing'] = table['BillingModeSummary']['BillingMode']
ddb.put_item(TableName='py-carts', Item={'id': {'S': '1'}, 'customerId': {'S': 'c1'}, 'qty': {'N': '1'}})
q = ddb.query(TableName='py-carts', IndexName='byCustomer', KeyConditionExpression='customerId = :c',
              ExpressionAttributeValues={':c': {'S': 'c1'}})
out['query'] = [q['Count'], q['Items'][0]['qty']]
u = ddb.update_item(TableName='py-carts', Key={'id': {'S': '1'}}, UpdateExpression='SET qty = qty + :one',
                    ConditionExpression='qty = :one', ExpressionAttributeValues={':one': {'N': '1'}}, ReturnValues='ALL_NEW')
out['updated'] = u['Attributes']['qty']
try:
    ddb.update_item(TableName='py-carts', Key={'id': {'S': '1'}}, UpdateExpression='SET qty = qty + :one',
                    ConditionExpression='qty = :one', ExpressionAttributeValues={':one': {'N': '1'}})
    out['refused'] = None
except ClientError as e:
    out['refused'] = [e.response['Error']['Code'], e.response['Error']['Message']]
try:
    ddb.create_table(TableName='py-carts', BillingMode='PAY_PER_REQUEST',
                     AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}])
except ClientError as e:
    out['exists'] = [e.response['Error']['Code'], e.response['Error']['Message']]
ddb.delete_item(TableName='py-carts', Key={'id': {'S': '1'}})
out['afterDelete'] = ddb.scan(TableName='py-carts')['Count']
out['deleted'] = ddb.delete_table(TableName='py-carts')['TableDescription']['TableStatus']
ddb.get_waiter('table_not_exists').wait(TableName='py-carts', WaiterConfig={'Delay': 1, 'MaxAttempts': 5})
out['tables'] = ddb.list_tables()['TableNames']
print(json.dumps(out))
`;

test.before(async () => {
  if (hasBoto3) ddb = await startDynamoDB();
});
test.after(async () => {
  await ddb?.close();
});

test('boto3: table with a GSI, put, query the GSI, conditional update, delete', async () => {
  if (!hasBoto3) {
    console.log(
      "⚠ SKIPPED LOUDLY: python3 with boto3 is not available (python3 -c 'import boto3' failed); the boto3 smoke test did not run",
    );
    return;
  }
  // Asynchronously: the server answering boto3 lives in this process.
  const res = await new Promise<{ error: Error | null; stdout: string; stderr: string }>((resolve) =>
    execFile(
      'python3',
      ['-c', SCRIPT],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ENDPOINT: ddb.endpoint,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    ),
  );
  assert.is(res.error, null, res.stderr);
  const out = JSON.parse(res.stdout);
  assert.equal(out, {
    created: 'CREATING',
    status: ['ACTIVE', 'ACTIVE'],
    billing: 'PAY_PER_REQUEST',
    query: [1, { N: '1' }],
    updated: { N: '2' },
    refused: ['ConditionalCheckFailedException', 'The conditional request failed'],
    exists: ['ResourceInUseException', 'Table already exists: py-carts'],
    afterDelete: 0,
    deleted: 'DELETING',
    tables: [],
  });
});

test.run();
