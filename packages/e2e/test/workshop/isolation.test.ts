// Under DynamoDB Local's per-access-key isolation, the tables the controller makes are the ones a user signing
// with the printed dummy key sees.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { startTestStack, type TestStack } from '../../src/index.js';

let stack: TestStack;
test.before(async () => {
  stack = await startTestStack({ isolation: 'access-key' });
});
test.after(async () => {
  await stack?.close();
});

const tables = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'tables' };

test('a Table CR under --isolation access-key is visible to the printed access key, not to others', async () => {
  await stack.kube.client.create(tables, 'carts', {
    apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
    kind: 'Table',
    metadata: { name: 'iso', namespace: 'carts' },
    spec: {
      tableName: 'iso-table',
      billingMode: 'PAY_PER_REQUEST',
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    },
  });
  const client = (key: string) =>
    new DynamoDBClient({
      endpoint: stack.dynamodbUrl,
      region: 'us-west-2',
      credentials: { accessKeyId: key, secretAccessKey: 'x' },
    });
  const deadline = Date.now() + 60_000;
  let status: string | undefined;
  while (Date.now() < deadline) {
    try {
      status = (await client('local').send(new DescribeTableCommand({ TableName: 'iso-table' }))).Table?.TableStatus;
      if (status === 'ACTIVE') break;
    } catch {
      /* not created yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.is(status, 'ACTIVE');
  const other = await client('someoneelse')
    .send(new DescribeTableCommand({ TableName: 'iso-table' }))
    .then(
      () => 'found',
      (e: Error) => e.name,
    );
  assert.is(other, 'ResourceNotFoundException');
});

test.run();
