// The table dump format of `ack-local export` / `import` / `--seed *.jsonl`: DynamoDB JSON lines, as AWS's
// export to S3 writes items ({"Item": {...}} per line), preceded by one header line with the table's
// CreateTable input so a dump can recreate its table.
import type { DynamoDBClient } from '@ack-local/controller';

export interface TableHeader {
  Table: Record<string, unknown>; // CreateTable input
}

export type Target = { region: string; accountId: string };

/** The CreateTable input that recreates a described table (keys, indexes, billing). */
export function createTableInput(described: any): Record<string, unknown> {
  const t = described.Table ?? described;
  const index = (i: any, withThroughput: boolean) => ({
    IndexName: i.IndexName,
    KeySchema: i.KeySchema,
    Projection: i.Projection,
    ...(withThroughput
      ? {
          ProvisionedThroughput: {
            ReadCapacityUnits: i.ProvisionedThroughput?.ReadCapacityUnits || 1,
            WriteCapacityUnits: i.ProvisionedThroughput?.WriteCapacityUnits || 1,
          },
        }
      : {}),
  });
  const provisioned = (t.BillingModeSummary?.BillingMode ?? 'PROVISIONED') === 'PROVISIONED';
  return {
    TableName: t.TableName,
    AttributeDefinitions: t.AttributeDefinitions,
    KeySchema: t.KeySchema,
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned
      ? {
          ProvisionedThroughput: {
            ReadCapacityUnits: t.ProvisionedThroughput.ReadCapacityUnits || 1,
            WriteCapacityUnits: t.ProvisionedThroughput.WriteCapacityUnits || 1,
          },
        }
      : {}),
    ...(t.GlobalSecondaryIndexes?.length
      ? { GlobalSecondaryIndexes: t.GlobalSecondaryIndexes.map((i: any) => index(i, provisioned)) }
      : {}),
    ...(t.LocalSecondaryIndexes?.length
      ? { LocalSecondaryIndexes: t.LocalSecondaryIndexes.map((i: any) => index(i, false)) }
      : {}),
  };
}

/** Creates the table if it does not exist yet and waits until it is ACTIVE. */
export async function ensureTable(
  client: DynamoDBClient,
  input: Record<string, unknown>,
  target: Target,
): Promise<void> {
  try {
    await client.call('CreateTable', input, target);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ResourceInUseException') throw e;
  }
  for (let i = 0; i < 600; i++) {
    const d = await client.call<any>('DescribeTable', { TableName: input.TableName }, target);
    const gsis: any[] = d.Table.GlobalSecondaryIndexes ?? [];
    if (d.Table.TableStatus === 'ACTIVE' && gsis.every((g) => g.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`table ${String(input.TableName)} did not become ACTIVE`);
}

/** BatchWriteItem in chunks of 25, retrying unprocessed items, a few requests in flight. */
export async function writeItems(
  client: DynamoDBClient,
  table: string,
  items: Record<string, unknown>[],
  target: Target,
  onProgress?: (done: number) => void,
): Promise<void> {
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const chunk = items.slice(next, (next += 25));
      let requests: Record<string, unknown> = { [table]: chunk.map((Item) => ({ PutRequest: { Item } })) };
      while (Object.keys(requests).length) {
        const r = await client.call<any>('BatchWriteItem', { RequestItems: requests }, target);
        requests = r.UnprocessedItems ?? {};
      }
      done += chunk.length;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}
