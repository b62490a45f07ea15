// Shared by the control-plane e2e tests.
import * as assert from 'uvu/assert';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The workshop's carts table: PAY_PER_REQUEST, hash key id, one GSI on customerId. */
export function workshopTable(TableName: string): CreateTableCommandInput {
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'customerId', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'idx_global_customerId',
        KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** Awaits a rejection; checks the SDK error name and the exact message. */
export async function rejects(promise: Promise<unknown>, name: string, message: string): Promise<any> {
  let error: any;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected ${name}: ${message}, but the call succeeded`);
  assert.is(error.name, name, `error name (message: ${error.message})`);
  assert.is(error.message, message);
  return error;
}
