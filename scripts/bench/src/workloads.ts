// What the benchmark does to each target. A workload creates its table(s) and preloads data once per target,
// then issues one request per operation; every answer is validated (status and item counts), and failures are
// counted and shown, never hidden.
import type { BenchClient } from './client.js';

export interface Workload {
  name: string;
  /** What one operation is, for the report. */
  unit: string;
  /** Items a successful operation moves, for items/s (Query/Scan/BatchWrite). */
  itemsPerOp?: number;
  /** Scan pages vary in size: count the items each answer carries instead of itemsPerOp. */
  countItems?: boolean;
  setup(client: BenchClient): Promise<void>;
  /** The i-th request; `client` is the target's, for workloads whose setup left per-target state. */
  request(i: number, client: BenchClient): [operation: string, body: string];
  /** True when the answer is what the workload expects. */
  validate(status: number, body: any): boolean;
  /** The workload this one is measured against, lane by lane in the same rounds (a table with a stream against the
   *  same writes without): the cost of the difference, free of the order workloads run in and of machine drift. */
  pairWith?: string;
}

const pad = (n: number, w = 8) => String(n).padStart(w, '0');
const filler = 'x'.repeat(900); // ~1 KB items
const mix = (i: number) => (Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) >>> 0) % 1_000_000;

export async function createTable(client: BenchClient, spec: object): Promise<void> {
  await client.must('CreateTable', spec);
  const name = (spec as { TableName: string }).TableName;
  for (let i = 0; i < 2000; i++) {
    const d = await client.must('DescribeTable', { TableName: name });
    const gsis: any[] = d.Table.GlobalSecondaryIndexes ?? [];
    if (d.Table.TableStatus === 'ACTIVE' && gsis.every((g) => g.IndexStatus === 'ACTIVE')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} never became ACTIVE`);
}

async function batchLoad(client: BenchClient, table: string, items: object[], concurrency = 8): Promise<void> {
  const chunks: object[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < chunks.length) {
        let requests: any = { [table]: chunks[next++]!.map((Item) => ({ PutRequest: { Item } })) };
        for (let attempt = 0; attempt < 50 && Object.keys(requests).length; attempt++) {
          const r = await client.must('BatchWriteItem', { RequestItems: requests });
          requests = r.UnprocessedItems ?? {};
        }
      }
    }),
  );
}

export const hashOnly = (TableName: string) => ({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
});
const hashRange = (TableName: string) => ({
  TableName,
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'N' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
});

export const withStream = (spec: object) => ({
  ...spec,
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
});

const ok = (status: number) => status === 200;

const STREAMS = 'DynamoDBStreams_20120810.';

/** GetRecords of 1,000 small records from TRIM_HORIZON (issue 17: under 5 ms server time). The iterator is issued at
 *  setup and lives 15 minutes, longer than a workload's rounds. Peers without Streams fail the setup and are left out. */
function getRecordsWorkload(): Workload {
  const iterators = new WeakMap<BenchClient, string>(); // each target's stream has its own ARN
  return {
    name: 'GetRecords 1,000 records (stream)',
    unit: 'page',
    itemsPerOp: 1000,
    async setup(c) {
      await createTable(c, withStream(hashOnly('bench_stream_read')));
      const items = Array.from({ length: 1000 }, (_, i) => ({ pk: { S: `r${pad(i)}` }, n: { N: String(i) } }));
      await batchLoad(c, 'bench_stream_read', items);
      const { Table } = await c.must('DescribeTable', { TableName: 'bench_stream_read' });
      const { StreamDescription } = await c.must(`${STREAMS}DescribeStream`, { StreamArn: Table.LatestStreamArn });
      const shard = StreamDescription.Shards[0].ShardId;
      const body = { StreamArn: Table.LatestStreamArn, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' };
      iterators.set(c, (await c.must(`${STREAMS}GetShardIterator`, body)).ShardIterator);
    },
    request: (_, c) => [`${STREAMS}GetRecords`, JSON.stringify({ ShardIterator: iterators.get(c), Limit: 1000 })],
    validate: (s, b) => s === 200 && b.Records?.length === 1000,
  };
}

/** A full paginated Scan: one op = one page of up to 1000 items; the start key walks the table so pages differ. */
function scanWorkload(name: string, table: string, items: number, text: string): Workload {
  return {
    name,
    unit: 'page',
    async setup(c) {
      await createTable(c, hashOnly(table));
      await batchLoad(
        c,
        table,
        Array.from({ length: items }, (_, i) => ({ pk: { S: `s${pad(i)}` }, a: { N: String(i) }, b: { S: text } })),
      );
    },
    request: (i) => {
      const from = (i * 997) % Math.max(1, items - 1000);
      return [
        'Scan',
        JSON.stringify({
          TableName: table,
          Limit: 1000,
          ...(i % 4 ? { ExclusiveStartKey: { pk: { S: `s${pad(from)}` } } } : {}),
        }),
      ];
    },
    validate: (s, b) => s === 200 && typeof b.Count === 'number' && b.Count > 0,
    countItems: true,
  };
}

export function workloads(scale: { scanItems: number }): Workload[] {
  let run = 0; // distinct keys per round so puts do not only overwrite
  // PutItem of 1 KB items and BatchWriteItem of 25, into a plain table or (stream) one with a DynamoDB Stream.
  const putItem = (name: string, table: string, stream: boolean): Workload => ({
    name,
    unit: 'req',
    setup: (c) => createTable(c, stream ? withStream(hashOnly(table)) : hashOnly(table)),
    request: (i) => [
      'PutItem',
      JSON.stringify({
        TableName: table,
        Item: { pk: { S: `k${pad(mix(i))}-${run++}` }, data: { S: filler }, n: { N: String(i) } },
      }),
    ],
    validate: ok,
  });
  const batchWrite = (name: string, table: string, stream: boolean): Workload => ({
    name,
    unit: 'req',
    itemsPerOp: 25,
    setup: (c) => createTable(c, stream ? withStream(hashOnly(table)) : hashOnly(table)),
    request: (i) => {
      const base = mix(i) * 32 + (run++ % 32);
      return [
        'BatchWriteItem',
        JSON.stringify({
          RequestItems: {
            [table]: Array.from({ length: 25 }, (_, j) => ({
              PutRequest: { Item: { pk: { S: `b${base}-${j}` }, data: { S: filler } } },
            })),
          },
        }),
      ];
    },
    validate: (s, b) => s === 200 && Object.keys(b.UnprocessedItems ?? {}).length === 0,
  });
  return [
    putItem('PutItem 1KB', 'bench_put', false),
    {
      name: 'GetItem',
      unit: 'req',
      async setup(c) {
        await createTable(c, hashOnly('bench_get'));
        await batchLoad(
          c,
          'bench_get',
          Array.from({ length: 1000 }, (_, i) => ({ pk: { S: `k${pad(i)}` }, data: { S: filler } })),
        );
      },
      request: (i) => ['GetItem', JSON.stringify({ TableName: 'bench_get', Key: { pk: { S: `k${pad(i % 1000)}` } } })],
      validate: (s, b) => s === 200 && b.Item?.pk !== undefined,
    },
    {
      // The PartiQL twin of GetItem (same items, its own table): a key-equality SELECT with a `?` parameter, which
      // ExecuteStatement plans once per statement text and runs as a GetItem (issue 20: within 10 % of GetItem).
      name: 'ExecuteStatement SELECT by key',
      unit: 'req',
      async setup(c) {
        await createTable(c, hashOnly('bench_partiql'));
        await batchLoad(
          c,
          'bench_partiql',
          Array.from({ length: 1000 }, (_, i) => ({ pk: { S: `k${pad(i)}` }, data: { S: filler } })),
        );
      },
      request: (i) => [
        'ExecuteStatement',
        JSON.stringify({
          Statement: 'SELECT * FROM "bench_partiql" WHERE pk = ?',
          Parameters: [{ S: `k${pad(i % 1000)}` }],
        }),
      ],
      validate: (s, b) => s === 200 && b.Items?.[0]?.pk !== undefined,
    },
    {
      name: 'PutItem hash+range',
      unit: 'req',
      setup: (c) => createTable(c, hashRange('bench_range')),
      request: (i) => [
        'PutItem',
        JSON.stringify({
          TableName: 'bench_range',
          Item: { pk: { S: `p${Math.floor(i / 100)}` }, sk: { N: String(i % 100) }, data: { S: filler.slice(0, 200) } },
        }),
      ],
      validate: ok,
    },
    {
      name: 'Query 50 (BETWEEN)',
      unit: 'req',
      itemsPerOp: 50,
      async setup(c) {
        await createTable(c, hashRange('bench_query'));
        const items = [];
        for (let p = 0; p < 20; p++)
          for (let s = 0; s < 200; s++)
            items.push({ pk: { S: `p${p}` }, sk: { N: String(s) }, data: { S: filler.slice(0, 100) } });
        await batchLoad(c, 'bench_query', items);
      },
      request: (i) => {
        const a = (i * 7) % 150;
        return [
          'Query',
          JSON.stringify({
            TableName: 'bench_query',
            KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
            ExpressionAttributeValues: {
              ':p': { S: `p${i % 20}` },
              ':a': { N: String(a) },
              ':b': { N: String(a + 49) },
            },
          }),
        ];
      },
      validate: (s, b) => s === 200 && b.Count === 50,
    },
    {
      name: 'GSI Query 10 (carts)',
      unit: 'req',
      itemsPerOp: 10,
      async setup(c) {
        await createTable(c, {
          TableName: 'bench_carts',
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: 'S' },
            { AttributeName: 'customerId', AttributeType: 'S' },
          ],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          GlobalSecondaryIndexes: [
            {
              IndexName: 'idx_global_customerId',
              KeySchema: [
                { AttributeName: 'customerId', KeyType: 'HASH' },
                { AttributeName: 'id', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        });
        const items = [];
        for (let cst = 0; cst < 200; cst++)
          for (let it = 0; it < 10; it++)
            items.push({
              id: { S: `c${cst}:item${it}` },
              customerId: { S: `c${cst}` },
              itemId: { S: `item${it}` },
              quantity: { N: '1' },
              unitPrice: { N: '12.5' },
            });
        await batchLoad(c, 'bench_carts', items);
      },
      request: (i) => [
        'Query',
        JSON.stringify({
          TableName: 'bench_carts',
          IndexName: 'idx_global_customerId',
          KeyConditionExpression: '#c = :c',
          ExpressionAttributeNames: { '#c': 'customerId' },
          ExpressionAttributeValues: { ':c': { S: `c${i % 200}` } },
        }),
      ],
      validate: (s, b) => s === 200 && b.Count === 10,
    },
    batchWrite('BatchWriteItem 25', 'bench_batch', false),
    // The same writes into tables with a DynamoDB Stream (NEW_AND_OLD_IMAGES): each change also commits its stream
    // record with the item. Each runs in the rounds of its plain twin, and the report gives the cost (issue 17: at
    // most 15 %).
    { ...putItem('PutItem 1KB (stream)', 'bench_put_stream', true), pairWith: 'PutItem 1KB' },
    { ...batchWrite('BatchWriteItem 25 (stream)', 'bench_batch_stream', true), pairWith: 'BatchWriteItem 25' },
    getRecordsWorkload(),
    {
      name: 'UpdateItem counter',
      unit: 'req',
      async setup(c) {
        await createTable(c, hashOnly('bench_update'));
        await batchLoad(
          c,
          'bench_update',
          Array.from({ length: 1000 }, (_, i) => ({ pk: { S: `k${pad(i)}` }, c: { N: '0' } })),
        );
      },
      request: (i) => [
        'UpdateItem',
        JSON.stringify({
          TableName: 'bench_update',
          Key: { pk: { S: `k${pad(i % 1000)}` } },
          UpdateExpression: 'SET #c = #c + :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#c': 'c' },
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      ],
      validate: ok,
    },
    scanWorkload(`Scan ${scale.scanItems} items (paged)`, 'bench_scan', scale.scanItems, 'some text here'),
    // ~1 KB items, as in the writes: a page is DynamoDB's 1 MB, and the answer path must not fault in a fresh
    // megabyte per page (packages/dynamodb server/body-bytes.ts).
    scanWorkload(`Scan ${scale.scanItems} 1KB items (paged)`, 'bench_scan_1kb', scale.scanItems, filler),
    {
      name: 'TransactWriteItems 4',
      unit: 'req',
      setup: (c) => createTable(c, hashOnly('bench_tx')),
      request: (i) => {
        const base = `t${mix(i)}-${run++}`;
        return [
          'TransactWriteItems',
          JSON.stringify({
            TransactItems: Array.from({ length: 4 }, (_, j) => ({
              Put: { TableName: 'bench_tx', Item: { pk: { S: `${base}-${j}` }, v: { N: String(j) } } },
            })),
          }),
        ];
      },
      validate: ok,
    },
  ];
}
