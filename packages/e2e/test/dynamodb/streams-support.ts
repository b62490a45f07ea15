// Shared helpers of the DynamoDB Streams e2e tests: a server with a settable clock, an SDK v3 Streams client on the
// same endpoint, tables with a stream, and readers that walk a stream's shards.
import { PutItemCommand, type AttributeValue, type StreamViewType } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { startDynamoDB, type DynamoDBHarness, type StartDynamoDBOptions } from '../../src/dynamodb.js';
import { createTable } from './features-support.js';

export interface StreamsHarness extends DynamoDBHarness {
  streams: DynamoDBStreamsClient;
  /** The engine's clock (epoch ms): advance it to expire iterators or age records. */
  clock: { now: number };
}

export async function startStreamsServer(options: StartDynamoDBOptions = {}): Promise<StreamsHarness> {
  const clock = { now: Date.now() };
  const ddb = await startDynamoDB({ now: () => clock.now, ...options });
  const streams = new DynamoDBStreamsClient({
    endpoint: ddb.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' },
  });
  const close = ddb.close.bind(ddb);
  return Object.assign(ddb, {
    streams,
    clock,
    close: async () => {
      streams.destroy();
      await close();
    },
  });
}

/** Makes tables `<prefix>-1`, `<prefix>-2`, ... (hash key `id`, S) with a stream of the given view type. */
export function streamTables(ddb: DynamoDBHarness, prefix: string) {
  let count = 0;
  return async (viewType: StreamViewType = 'KEYS_ONLY', extra = {}) => {
    const name = `${prefix}-${++count}`;
    const description = await createTable(ddb.client, name, {
      StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
      ...extra,
    });
    return { name, arn: description.LatestStreamArn!, description };
  };
}

/** PutItem of `{id: S id, ...extra}`. */
export const putId = (ddb: DynamoDBHarness, table: string, id: string, extra: Record<string, AttributeValue> = {}) =>
  ddb.client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, ...extra } }));

export async function shardsOf(client: DynamoDBStreamsClient, arn: string): Promise<Shard[]> {
  const out = await client.send(new DescribeStreamCommand({ StreamArn: arn }));
  return out.StreamDescription!.Shards!;
}

export async function iteratorFor(
  client: DynamoDBStreamsClient,
  arn: string,
  shardId: string,
  type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' = 'TRIM_HORIZON',
  sequenceNumber?: string,
): Promise<string> {
  const out = await client.send(
    new GetShardIteratorCommand({
      StreamArn: arn,
      ShardId: shardId,
      ShardIteratorType: type,
      ...(sequenceNumber && { SequenceNumber: sequenceNumber }),
    }),
  );
  return out.ShardIterator!;
}

/** Every record of a shard from the iterator on, following NextShardIterator until a page comes back empty (or
 *  the closed shard's end). */
export async function drain(client: DynamoDBStreamsClient, iterator: string | undefined, limit?: number) {
  const records: _Record[] = [];
  let next = iterator;
  while (next) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: next, ...(limit && { Limit: limit }) }));
    records.push(...page.Records!);
    next = page.NextShardIterator;
    if (page.Records!.length === 0) return { records, next };
  }
  return { records, next };
}

/** Every record of every shard of the stream, parents first (shards are listed in creation order). */
export async function allRecords(client: DynamoDBStreamsClient, arn: string): Promise<_Record[]> {
  const records: _Record[] = [];
  for (const shard of await shardsOf(client, arn)) {
    records.push(...(await drain(client, await iteratorFor(client, arn, shard.ShardId!))).records);
  }
  return records;
}
