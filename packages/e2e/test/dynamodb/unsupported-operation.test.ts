// A real DynamoDB operation that ack-local does not implement is an UnknownOperationException (what clients get
// for any operation the endpoint lacks) whose message names it, instead of DynamoDB's bare answer for a target
// that exists nowhere (that one stays bare: protocol.test.ts). No evidence applies: DynamoDB implements them all.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DescribeKinesisStreamingDestinationCommand, ImportTableCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDB, type DynamoDBHarness } from '../../src/dynamodb.js';

let ddb: DynamoDBHarness;
test.before(async () => {
  ddb = await startDynamoDB({ clientMaxAttempts: 1 });
});
test.after(() => ddb.close());

async function failure(send: () => Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await send();
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

test('the SDK sees UnknownOperationException, 400, with the operation named', async () => {
  const kinesis = await failure(() =>
    ddb.client.send(new DescribeKinesisStreamingDestinationCommand({ TableName: 'any' })),
  );
  assert.equal(kinesis, {
    name: 'UnknownOperationException',
    message: 'ack-local does not support the DynamoDB operation DescribeKinesisStreamingDestination',
    status: 400,
  });
  const importTable = await failure(() =>
    ddb.client.send(
      new ImportTableCommand({
        S3BucketSource: { S3Bucket: 'b' },
        InputFormat: 'CSV',
        TableCreationParameters: {
          TableName: 'imported',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      }),
    ),
  );
  assert.is(importTable.name, 'UnknownOperationException');
  assert.is(importTable.message, 'ack-local does not support the DynamoDB operation ImportTable');
});

test.run();
