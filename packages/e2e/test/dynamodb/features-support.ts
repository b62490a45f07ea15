// Shared helpers of the features e2e tests (tagging, TTL, backups, global tables).
import * as assert from 'uvu/assert';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';

/** Awaits a request that must fail, and checks the error's name (the __type) and exact message. */
export async function expectError(request: Promise<unknown>, name: string, message: string | RegExp): Promise<void> {
  try {
    await request;
  } catch (e) {
    const err = e as { name: string; message: string };
    assert.is(err.name, name, `error name for: ${err.message}`);
    if (typeof message === 'string') assert.is(err.message, message);
    else assert.match(err.message, message);
    return;
  }
  assert.unreachable(`expected ${name}: ${String(message)}`);
}

/** Creates a PAY_PER_REQUEST table (hash key `id` S unless given) and waits until it is ACTIVE. */
export async function createTable(client: DynamoDBClient, name: string, extra: Partial<CreateTableCommandInput> = {}) {
  const out = await client.send(
    new CreateTableCommand({
      TableName: name,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...extra,
    }),
  );
  await waitFor(
    async () => (await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus === 'ACTIVE',
  );
  return out.TableDescription!;
}

/** Polls `check` until it returns true (every 20 ms, at most `timeoutMs`). */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
