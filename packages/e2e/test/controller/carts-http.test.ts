// The workshop path end to end over HTTP: the controller talks to our DynamoDB server through the SigV4 HTTP client,
// and the carts workload (AWS SDK v3, the calls the Java cart service makes) uses the table the controller made.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  DescribeTableCommand,
} from '@aws-sdk/client-dynamodb';
import { createDynamoDBServer } from '@ack-local/dynamodb';
import { createHttpDynamoDBClient } from '@ack-local/controller';
import { TABLES, cartsTable, startEnv, waitForCondition, type Env } from './harness.js';

let env: Env;
let app: Awaited<ReturnType<typeof createDynamoDBServer>>;
let sdk: DynamoDBClient;
const TABLE = 'eks-workshop-auto-carts-fastpath';

test.before(async () => {
  // The engine is opened by startEnv; serve it over HTTP and point the controller at the URL.
  let endpoint = '';
  const lazy = {
    call: (op: string, input: Record<string, unknown>, target: { region: string; accountId: string }) =>
      createHttpDynamoDBClient({ endpoint }).call(op, input, target),
  };
  env = await startEnv({ dynamodb: lazy });
  app = await createDynamoDBServer({ engine: env.engine, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  sdk = new DynamoDBClient({
    endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
  });
});
test.after(async () => {
  sdk?.destroy();
  await env?.close();
  await app?.close();
});

test('the workshop Table CR, reconciled over HTTP+SigV4, yields an ACTIVE table the AWS SDK sees', async () => {
  await env.kube.create(TABLES, 'carts', cartsTable('items', TABLE));
  await waitForCondition(env.kube, TABLES, 'carts', 'items', 'ACK.ResourceSynced', 'True');
  const described = await sdk.send(new DescribeTableCommand({ TableName: TABLE }));
  assert.equal(described.Table?.TableStatus, 'ACTIVE');
  assert.equal(described.Table?.GlobalSecondaryIndexes?.[0]?.IndexName, 'idx_global_customerId');
});

test('the carts workload: GetItem, PutItem, UpdateItem ALL_NEW, paged GSI Query, DeleteItem ALL_OLD', async () => {
  const customer = 'c-123';
  const key = (itemId: string) => ({ id: { S: `${customer}:${itemId}` } });
  const missing = await sdk.send(new GetItemCommand({ TableName: TABLE, Key: key('i1') }));
  assert.equal(missing.Item, undefined);
  for (const itemId of ['i1', 'i2', 'i3']) {
    await sdk.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          ...key(itemId),
          customerId: { S: customer },
          itemId: { S: itemId },
          quantity: { N: '1' },
          unitPrice: { N: '150' },
        },
      }),
    );
  }
  await sdk.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: {
        id: { S: 'other:x' },
        customerId: { S: 'other' },
        itemId: { S: 'x' },
        quantity: { N: '1' },
        unitPrice: { N: '1' },
      },
    }),
  );
  const updated = await sdk.send(
    new UpdateItemCommand({
      TableName: TABLE,
      Key: key('i1'),
      UpdateExpression:
        'SET #AMZN_MAPPED_customerId = :AMZN_MAPPED_customerId, #AMZN_MAPPED_itemId = :AMZN_MAPPED_itemId, #AMZN_MAPPED_quantity = :AMZN_MAPPED_quantity, #AMZN_MAPPED_unitPrice = :AMZN_MAPPED_unitPrice',
      ExpressionAttributeNames: {
        '#AMZN_MAPPED_customerId': 'customerId',
        '#AMZN_MAPPED_itemId': 'itemId',
        '#AMZN_MAPPED_quantity': 'quantity',
        '#AMZN_MAPPED_unitPrice': 'unitPrice',
      },
      ExpressionAttributeValues: {
        ':AMZN_MAPPED_customerId': { S: customer },
        ':AMZN_MAPPED_itemId': { S: 'i1' },
        ':AMZN_MAPPED_quantity': { N: '5' },
        ':AMZN_MAPPED_unitPrice': { N: '150' },
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  assert.equal(updated.Attributes?.quantity, { N: '5' });
  assert.equal(updated.Attributes?.id, { S: `${customer}:i1` });

  const seen: string[] = [];
  let startKey: Record<string, any> | undefined;
  let pages = 0;
  do {
    const page = await sdk.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'idx_global_customerId',
        KeyConditionExpression: '#AMZN_MAPPED_customerId = :AMZN_MAPPED_customerId',
        ExpressionAttributeNames: { '#AMZN_MAPPED_customerId': 'customerId' },
        ExpressionAttributeValues: { ':AMZN_MAPPED_customerId': { S: customer } },
        Limit: 2,
        ExclusiveStartKey: startKey,
      }),
    );
    pages++;
    for (const item of page.Items ?? []) seen.push(item.itemId!.S!);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  assert.equal(seen.sort(), ['i1', 'i2', 'i3']);
  assert.ok(pages >= 2, `paged (${pages} pages)`);

  const deleted = await sdk.send(new DeleteItemCommand({ TableName: TABLE, Key: key('i2'), ReturnValues: 'ALL_OLD' }));
  assert.equal(deleted.Attributes?.itemId, { S: 'i2' });
  const after = await sdk.send(new GetItemCommand({ TableName: TABLE, Key: key('i2') }));
  assert.equal(after.Item, undefined);
});

test('the HTTP client surfaces DynamoDB errors with their short code and message', async () => {
  const client = createHttpDynamoDBClient({ endpoint: `http://127.0.0.1:${(app.server.address() as any).port}` });
  try {
    await client.call('DescribeTable', { TableName: 'nope' }, { region: 'us-west-2', accountId: '000000000000' });
    assert.unreachable();
  } catch (e: any) {
    assert.equal(e.name, 'DynamoDBCallError');
    assert.equal(e.code, 'ResourceNotFoundException');
    assert.match(e.message, /not found/);
  }
});

test.run();
