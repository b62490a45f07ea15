// `ack-local streams tail --table NAME [--from trim-horizon|latest]`: prints a table's changes live, one JSON line
// per stream record (event, keys, images in DynamoDB JSON, sequence number, time), over the DynamoDB Streams API of
// the endpoint, so it works against a running ack-local (or any endpoint that serves DynamoDB Streams). It follows
// shard lineage: a child shard is read once its parent is exhausted, so one item's changes print in order.
import { parseArgs } from 'node:util';
import { createHttpDynamoDBClient, type DynamoDBClient } from '@ack-local/controller';
import { ConfigError } from '../config.js';

const IDLE_POLL_MS = 250;

interface Cursor {
  shardId: string;
  parent: string | undefined;
  iterator: string | undefined;
  done: boolean;
}

interface StreamRecord {
  eventName: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: unknown;
    NewImage?: unknown;
    OldImage?: unknown;
    SequenceNumber: string;
  };
  userIdentity?: { PrincipalId: string };
}

export async function tailStream(argv: string[], write = (line: string) => void process.stdout.write(line)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      table: { type: 'string' },
      from: { type: 'string', default: 'latest' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      'account-id': { type: 'string' },
    },
  });
  const table = values.table;
  if (!table) throw new ConfigError('streams tail needs --table NAME');
  if (values.from !== 'latest' && values.from !== 'trim-horizon') {
    throw new ConfigError(`--from must be trim-horizon or latest, not ${values.from}`);
  }
  const endpoint =
    values.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:8000';
  const target = {
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-west-2',
    accountId: values['account-id'] ?? '000000000000',
  };
  const dynamodb = createHttpDynamoDBClient({ endpoint });
  const streams = createHttpDynamoDBClient({ endpoint, targetPrefix: 'DynamoDBStreams_20120810.' });
  const described = await dynamodb.call<any>('DescribeTable', { TableName: table }, target);
  const arn: string | undefined = described.Table.StreamSpecification?.StreamEnabled
    ? described.Table.LatestStreamArn
    : undefined;
  if (!arn) throw new ConfigError(`table ${table} has no enabled stream (UpdateTable --stream-specification first)`);
  const tail = new Tail(streams, target, arn, values.from === 'latest', write);
  // Positioned first (LATEST iterators taken), then announced: a change after this line is printed.
  await tail.discoverShards();
  process.stderr.write(`tailing ${arn} from ${values.from}\n`);
  let stopped = false;
  const stop = () => (stopped = true);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  while (!stopped) if ((await tail.poll()) === 0) await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
}

class Tail {
  readonly #cursors = new Map<string, Cursor>();
  #first = true;

  constructor(
    private readonly streams: DynamoDBClient,
    private readonly target: { region: string; accountId: string },
    private readonly arn: string,
    private readonly fromLatest: boolean,
    private readonly write: (line: string) => void,
  ) {}

  /** Reads what is new in every readable shard; returns how many records it printed. */
  async poll(): Promise<number> {
    await this.discoverShards();
    let printed = 0;
    for (const cursor of this.#cursors.values()) {
      const parent = cursor.parent && this.#cursors.get(cursor.parent);
      if (cursor.done || (parent && !parent.done)) continue;
      cursor.iterator ??= await this.#iterator(cursor.shardId, 'TRIM_HORIZON');
      const page = await this.streams.call<any>('GetRecords', { ShardIterator: cursor.iterator }, this.target);
      for (const record of page.Records as StreamRecord[]) this.write(JSON.stringify(line(record)) + '\n');
      printed += page.Records.length;
      cursor.iterator = page.NextShardIterator;
      cursor.done = cursor.iterator === undefined;
    }
    return printed;
  }

  /** Starts a cursor for each shard not seen yet. */
  async discoverShards() {
    let ExclusiveStartShardId: string | undefined;
    do {
      const page = await this.streams.call<any>(
        'DescribeStream',
        { StreamArn: this.arn, ...(ExclusiveStartShardId && { ExclusiveStartShardId }) },
        this.target,
      );
      for (const shard of page.StreamDescription.Shards) {
        if (this.#cursors.has(shard.ShardId)) continue;
        const closed = shard.SequenceNumberRange.EndingSequenceNumber !== undefined;
        // From LATEST, the shards there already are read from their end (closed ones: nothing); shards that open
        // later are read whole.
        const skip = this.#first && this.fromLatest;
        this.#cursors.set(shard.ShardId, {
          shardId: shard.ShardId,
          parent: shard.ParentShardId,
          iterator: skip && !closed ? await this.#iterator(shard.ShardId, 'LATEST') : undefined,
          done: skip && closed,
        });
      }
      ExclusiveStartShardId = page.StreamDescription.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    this.#first = false;
  }

  async #iterator(shardId: string, type: 'TRIM_HORIZON' | 'LATEST'): Promise<string> {
    const input = { StreamArn: this.arn, ShardId: shardId, ShardIteratorType: type };
    return (await this.streams.call<any>('GetShardIterator', input, this.target)).ShardIterator;
  }
}

const line = (r: StreamRecord) => ({
  event: r.eventName,
  keys: r.dynamodb.Keys,
  ...(r.dynamodb.NewImage !== undefined && { new: r.dynamodb.NewImage }),
  ...(r.dynamodb.OldImage !== undefined && { old: r.dynamodb.OldImage }),
  ...(r.userIdentity && { by: r.userIdentity.PrincipalId }),
  sequenceNumber: r.dynamodb.SequenceNumber,
  time: new Date(r.dynamodb.ApproximateCreationDateTime * 1000).toISOString(),
});
