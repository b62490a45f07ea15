// Scan through the AWS SDK v3: pagination, parallel segments, filters, Select, indexes, errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ScanCommand as RawScan } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;
const N = 600;

async function scanAll(input: ScanCommandInput): Promise<{ items: Record<string, any>[]; pages: number }> {
  const items: Record<string, any>[] = [];
  let pages = 0;
  let start: Record<string, any> | undefined;
  do {
    const r = await s.doc.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
    pages++;
    items.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return { items, pages };
}

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'things',
    KeySchema: [
      { AttributeName: 'id', KeyType: 'HASH' },
      { AttributeName: 'n', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'n', AttributeType: 'N' },
      { AttributeName: 'colour', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byColour',
        KeySchema: [{ AttributeName: 'colour', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['size'] },
      },
    ],
  });
  await createTable(s.client, {
    TableName: 'empty',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  for (let i = 0; i < N; i += 25) {
    const batch = Array.from({ length: 25 }, (_, j) => {
      const k = i + j;
      return {
        id: `item${k % 200}`,
        n: Math.floor(k / 200),
        size: k,
        ...(k % 4 === 0 ? { colour: ['red', 'green'][k % 2 === 0 && k % 8 === 0 ? 0 : 1] } : {}),
      };
    });
    await s.doc.send(
      new BatchWriteCommand({ RequestItems: { things: batch.map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
});
test.after(async () => {
  await s?.close();
});

const key = (i: Record<string, any>) => `${i.id}/${i.n}`;

test('a full scan returns every item once; pages chain through LastEvaluatedKey', async () => {
  const one = await s.doc.send(new ScanCommand({ TableName: 'things' }));
  assert.is(one.Count, N);
  assert.is(one.LastEvaluatedKey, undefined);
  const { items, pages } = await scanAll({ TableName: 'things', Limit: 37 });
  assert.is(items.length, N);
  assert.is(new Set(items.map(key)).size, N);
  assert.is(pages, Math.ceil(N / 37));
  // Storage order: a partition's items are contiguous and in range order.
  assert.equal(items.map(key), one.Items!.map(key));
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.id === items[i - 1]!.id) assert.ok(items[i]!.n > items[i - 1]!.n);
  }
});

test('parallel scan segments are disjoint and complete', async () => {
  for (const total of [1, 2, 3, 7, 16]) {
    const seen = new Map<string, number>();
    await Promise.all(
      Array.from({ length: total }, async (_, segment) => {
        const { items } = await scanAll({ TableName: 'things', Segment: segment, TotalSegments: total, Limit: 50 });
        for (const i of items) seen.set(key(i), (seen.get(key(i)) ?? 0) + 1);
      }),
    );
    assert.is(seen.size, N, `total segments ${total}`);
    assert.ok(
      [...seen.values()].every((c) => c === 1),
      `each item in one segment (total ${total})`,
    );
  }
});

test('segment validation', async () => {
  await rejects(
    s.doc.send(new ScanCommand({ TableName: 'things', Segment: 0 })),
    'ValidationException',
    'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
  );
  await rejects(
    s.doc.send(new ScanCommand({ TableName: 'things', TotalSegments: 2 })),
    'ValidationException',
    'The Segment parameter is required but was not present in the request when parameter TotalSegments is present',
  );
  await rejects(
    s.doc.send(new ScanCommand({ TableName: 'things', Segment: 2, TotalSegments: 2 })),
    'ValidationException',
    'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2',
  );
  const first = await s.doc.send(new ScanCommand({ TableName: 'things', Segment: 0, TotalSegments: 4, Limit: 1 }));
  await rejects(
    s.doc.send(
      new ScanCommand({ TableName: 'things', Segment: 3, TotalSegments: 4, ExclusiveStartKey: first.LastEvaluatedKey }),
    ),
    'ValidationException',
    'The provided Exclusive start key does not map to the provided segment',
  );
});

test('FilterExpression after Limit, Select COUNT, projections', async () => {
  const r = await s.doc.send(
    new ScanCommand({
      TableName: 'things',
      Limit: 100,
      FilterExpression: '#s < :s',
      ExpressionAttributeNames: { '#s': 'size' },
      ExpressionAttributeValues: { ':s': 300 },
    }),
  );
  assert.is(r.ScannedCount, 100);
  assert.ok(r.Count! < 100);
  assert.ok(r.Items!.every((i) => i.size < 300));
  const filtered = await scanAll({
    TableName: 'things',
    Limit: 60,
    FilterExpression: '#s < :s',
    ExpressionAttributeNames: { '#s': 'size' },
    ExpressionAttributeValues: { ':s': 300 },
  });
  assert.is(filtered.items.length, 300);
  const count = await s.doc.send(new ScanCommand({ TableName: 'things', Select: 'COUNT' }));
  assert.equal([count.Count, count.ScannedCount, count.Items], [N, N, undefined]);
  const proj = await s.doc.send(
    new ScanCommand({
      TableName: 'things',
      ProjectionExpression: '#s',
      ExpressionAttributeNames: { '#s': 'size' },
      Limit: 3,
    }),
  );
  assert.ok(proj.Items!.every((i) => Object.keys(i).join() === 'size'));
});

test('scan of a GSI: sparse, projected, paginated with index keys in LastEvaluatedKey', async () => {
  const { items } = await scanAll({ TableName: 'things', IndexName: 'byColour', Limit: 10 });
  assert.is(items.length, N / 4);
  assert.equal(Object.keys(items[0]!).sort(), ['colour', 'id', 'n', 'size']);
  const page = await s.doc.send(new ScanCommand({ TableName: 'things', IndexName: 'byColour', Limit: 1 }));
  assert.equal(Object.keys(page.LastEvaluatedKey!).sort(), ['colour', 'id', 'n']);
  const segments = await Promise.all(
    [0, 1, 2].map((segment) =>
      scanAll({ TableName: 'things', IndexName: 'byColour', Segment: segment, TotalSegments: 3 }),
    ),
  );
  assert.is(segments.flatMap((r) => r.items).length, N / 4);
  await rejects(
    s.doc.send(new ScanCommand({ TableName: 'things', IndexName: 'byColour', ConsistentRead: true })),
    'ValidationException',
    'Consistent reads are not supported on global secondary indexes',
  );
});

test('empty table, missing table, capacity', async () => {
  const e = await s.client.send(new RawScan({ TableName: 'empty', ReturnConsumedCapacity: 'TOTAL' }));
  assert.equal([e.Items, e.Count, e.ScannedCount, e.LastEvaluatedKey], [[], 0, 0, undefined]);
  assert.equal(e.ConsumedCapacity, { TableName: 'empty', CapacityUnits: 0.5 });
  await rejects(
    s.client.send(new RawScan({ TableName: 'missing' })),
    'ResourceNotFoundException',
    'Requested resource not found',
  );
});

test.run();
