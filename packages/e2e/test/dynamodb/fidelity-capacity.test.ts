// Where a Query or Scan page ends without Limit (1 MB, measured as DynamoDB stores items) and the read capacity
// DynamoDB reports for Query, Scan, BatchGetItem and TransactGetItems. Every figure is a recorded DynamoDB answer:
// dynalite's test/query.js, test/scan.js ("scan size limits") and test/batchGetItem.js, which were run against
// DynamoDB, and the developer guide's "Read/write capacity mode" page. Real SDK (@aws-sdk/client-dynamodb v3).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { createTable, startItemsServer, type ItemsServer } from './items-harness.js';

type Item = Record<string, AttributeValue>;

let s: ItemsServer;
let tableNumber = 0;

test.before(async () => {
  s = await startItemsServer();
});
test.after(async () => {
  await s?.close();
});

/** A fresh table with a string hash key `a` and, when asked, a sort key `b` of the given type. */
async function freshTable(sortKeyType?: 'S' | 'N'): Promise<string> {
  const TableName = `cap${++tableNumber}`;
  await createTable(s.client, {
    TableName,
    KeySchema: [
      { AttributeName: 'a', KeyType: 'HASH' },
      ...(sortKeyType ? [{ AttributeName: 'b', KeyType: 'RANGE' as const }] : []),
    ],
    AttributeDefinitions: [
      { AttributeName: 'a', AttributeType: 'S' },
      ...(sortKeyType ? [{ AttributeName: 'b', AttributeType: sortKeyType }] : []),
    ],
  });
  return TableName;
}

async function putAll(TableName: string, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const r = await s.client.send(
      new BatchWriteItemCommand({
        RequestItems: { [TableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
    assert.equal(r.UnprocessedItems ?? {}, {});
  }
}

const chars = (n: number, c = 'e') => c.repeat(n);
const two = (i: number) => String(i).padStart(2, '0');
/** dynalite's helpers.randomString() is ten characters long; the figures below depend on that length. */
const ID = 'AAAAA12345';
const NAME_255 = chars(255);

/** 25 items of one partition: `a`, sort key `b`, and one big string attribute (name and length per item). */
function partition(name: string, length: (i: number) => number): Item[] {
  return Array.from({ length: 25 }, (_, i) => ({ a: { S: ID }, b: { S: two(i) }, [name]: { S: chars(length(i)) } }));
}

const countQuery = (TableName: string, extra: Record<string, unknown> = {}) =>
  s.client.send(
    new QueryCommand({
      TableName,
      KeyConditionExpression: 'a = :a',
      ExpressionAttributeValues: { ':a': { S: ID } },
      Select: 'COUNT',
      ...extra,
    }),
  );

// dynalite test/query.js "should not return LastEvaluatedKey if just under limit" / "... if just over limit":
// attribute names count one byte towards the 1 MB (a 255-byte name and a 1-byte one end the page alike), one
// more byte in the last item's string ends the page there; capacity is the page's item sizes rounded up once.
test('Query: one byte more in the last item ends the page there, whatever the attribute names', async () => {
  const under = await freshTable('S');
  await putAll(
    under,
    partition(NAME_255, () => 41645),
  );
  const u = await countQuery(under, { ReturnConsumedCapacity: 'INDEXES', Limit: 26 });
  assert.equal(
    [u.Count, u.ScannedCount, u.LastEvaluatedKey, u.ConsumedCapacity],
    [25, 25, undefined, { CapacityUnits: 128, Table: { CapacityUnits: 128 }, TableName: under }],
  );

  const over = await freshTable('S');
  await putAll(
    over,
    partition('e', (i) => (i === 24 ? 41646 : 41645)),
  );
  const o = await countQuery(over, { ReturnConsumedCapacity: 'INDEXES' });
  assert.equal(
    [o.Count, o.ScannedCount, o.LastEvaluatedKey, o.ConsumedCapacity],
    [
      25,
      25,
      { a: { S: ID }, b: { S: '24' } },
      { CapacityUnits: 127.5, Table: { CapacityUnits: 127.5 }, TableName: over },
    ],
  );
});

// dynalite test/query.js "should return all if just under limit" / "should return one less than all if just over
// limit": the item that crosses 1 MB is part of the page (25 items, 133.5 units); when the 24th item already
// reaches it, the page ends with that item.
test('Query: the item that crosses 1 MB is the last of the page', async () => {
  const under = await freshTable('S');
  await putAll(
    under,
    partition(NAME_255, (i) => (i === 23 ? 43387 : i === 24 ? 44999 : 43372)),
  );
  const u = await countQuery(under, { ReturnConsumedCapacity: 'TOTAL' });
  assert.equal(
    [u.Count, u.ScannedCount, u.LastEvaluatedKey, u.ConsumedCapacity],
    [25, 25, { a: { S: ID }, b: { S: '24' } }, { CapacityUnits: 133.5, TableName: under }],
  );

  const over = await freshTable('S');
  await putAll(
    over,
    partition('e', (i) => (i === 23 ? 43388 : i === 24 ? 44999 : 43372)),
  );
  const o = await countQuery(over, { ReturnConsumedCapacity: 'TOTAL' });
  assert.equal(
    [o.Count, o.ScannedCount, o.LastEvaluatedKey, o.ConsumedCapacity],
    [24, 24, { a: { S: ID }, b: { S: '23' } }, { CapacityUnits: 127.5, TableName: over }],
  );
  // The next page starts after it and holds the last item.
  const next = await countQuery(over, { ExclusiveStartKey: o.LastEvaluatedKey });
  assert.equal([next.Count, next.LastEvaluatedKey], [1, undefined]);
});

// dynalite test/scan.js "should return all if just under limit with small attribute for hash table" / "should
// return one less than all if just over limit ...": numbers, binaries and sets count their stored form. The
// items are sized by their position in Scan order, as the recording did.
test('Scan: numbers, binaries and sets count their stored size towards 1 MB', async () => {
  const b = chars(43411, 'b');
  for (const [lastBig, count] of [
    [43412 - 46, 25],
    [43412 - 45, 24],
  ] as const) {
    const TableName = await freshTable();
    await putAll(
      TableName,
      Array.from({ length: 25 }, (_, i) => ({ a: { S: two(i) } })),
    );
    const order = (await s.client.send(new ScanCommand({ TableName }))).Items!.map((item) => item.a!);
    await putAll(
      TableName,
      order.map((a, i): Item => {
        if (i === 24) return { a, b: { S: 'b' } };
        if (i !== 23) return { a, b: { S: b } };
        return {
          a,
          b: { S: b.slice(0, lastBig) },
          c: { N: '12.3456' },
          d: { B: new Uint8Array([1, 2]) },
          e: { SS: ['a', 'bc'] },
          f: { NS: ['1.23', '12.3'] },
          g: { BS: [new Uint8Array([1, 2]), new Uint8Array([2]), new Uint8Array([1])] },
        };
      }),
    );
    const r = await s.client.send(new ScanCommand({ TableName, Select: 'COUNT', ReturnConsumedCapacity: 'TOTAL' }));
    assert.equal([r.Count, r.ScannedCount, r.ConsumedCapacity?.CapacityUnits], [count, count, 127.5], `${lastBig}`);
  }
});

// dynalite test/scan.js "should return all if just over limit with less items for range table": a page of 12
// 86 KB items (the sort key counts once per 3 KB block) ends at the 12th; 127 units.
test('Scan: the sort key counts once per started 3 KB of the item', async () => {
  const TableName = await freshTable('S');
  const z = chars(86647, 'b');
  await putAll(
    TableName,
    Array.from({ length: 13 }, (_, i) => ({ a: { S: two(i) }, b: { S: String(i).padStart(7, '0') } })),
  );
  const order = (await s.client.send(new ScanCommand({ TableName }))).Items!;
  await putAll(
    TableName,
    order.map((key, i) => ({ ...key, z: { S: i === 11 ? z.slice(0, 86648 - 9) : i === 12 ? 'b' : z } })),
  );
  const r = await s.client.send(new ScanCommand({ TableName, Select: 'COUNT', ReturnConsumedCapacity: 'TOTAL' }));
  assert.equal([r.Count, r.ScannedCount, r.ConsumedCapacity?.CapacityUnits], [12, 12, 127]);
  assert.equal(r.LastEvaluatedKey, { a: order[11]!.a, b: order[11]!.b });
});

// Developer guide, "Read/write capacity mode" → "Capacity unit consumption for Query/Scan": the page's item sizes
// are summed and rounded up to 4 KB once (not per item); a filter does not change what is consumed, nor does a
// projection; eventually consistent reads cost half.
test('Scan and Query: capacity is the page sum rounded up once, before filters and projections', async () => {
  const TableName = await freshTable('S');
  // 10 items of 1,000 bytes each (a: 11, b: 3, v: 1 + 985): 10,000 bytes, 3 blocks of 4 KB.
  await putAll(
    TableName,
    Array.from({ length: 10 }, (_, i) => ({ a: { S: ID }, b: { S: two(i) }, v: { S: chars(985) } })),
  );
  const scan = (extra: Record<string, unknown>) =>
    s.client.send(new ScanCommand({ TableName, ReturnConsumedCapacity: 'TOTAL', ...extra }));
  const plain = await scan({ ConsistentRead: true });
  const filtered = await scan({
    ConsistentRead: true,
    FilterExpression: 'b = :b',
    ExpressionAttributeValues: { ':b': { S: '03' } },
  });
  const projected = await scan({ ProjectionExpression: 'b' });
  assert.equal(
    [plain.ConsumedCapacity?.CapacityUnits, filtered.ConsumedCapacity?.CapacityUnits, filtered.Count],
    [3, 3, 1],
  );
  assert.equal([projected.ConsumedCapacity?.CapacityUnits, projected.Count], [1.5, 10]);
  const query = await countQuery(TableName, { ReturnConsumedCapacity: 'TOTAL', ConsistentRead: true });
  assert.equal(query.ConsumedCapacity, { CapacityUnits: 3, TableName });
});

// dynalite test/batchGetItem.js "should return ConsumedCapacity from each specified table ..." and "should return
// all items if just under limit": BatchGetItem rounds each item up to 4 KB on its own, a key with no item costs
// as much as a small one, one entry per table; with INDEXES each entry carries Table.
test('BatchGetItem: each item rounded up to 4 KB on its own, one entry per table', async () => {
  const hash = await freshTable();
  const other = await freshTable();
  const small = { a: { S: 'small' }, b: { S: chars(4071, 'b') } }; // 4,078 bytes: one block
  const larger = { a: { S: 'larger' }, b: { S: chars(4091, 'b') } }; // 4,099 bytes: two blocks
  await putAll(hash, [small, larger, { a: { S: 'tiny' } }]);
  const keys = (...names: string[]) => names.map((a) => ({ a: { S: a } }));
  const r = await s.client.send(
    new BatchGetItemCommand({
      RequestItems: { [hash]: { Keys: keys('small', 'tiny', 'missing') }, [other]: { Keys: keys('missing') } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.equal(
    new Map(r.ConsumedCapacity?.map((c) => [c.TableName, c])),
    new Map([
      [hash, { CapacityUnits: 1.5, TableName: hash }],
      [other, { CapacityUnits: 0.5, TableName: other }],
    ]),
  );
  const consistent = await s.client.send(
    new BatchGetItemCommand({
      RequestItems: { [hash]: { Keys: keys('larger', 'tiny', 'missing'), ConsistentRead: true } },
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  assert.equal(consistent.ConsumedCapacity, [{ CapacityUnits: 4, Table: { CapacityUnits: 4 }, TableName: hash }]);

  // "should return all items if just under limit": three 409,597-byte items (100 units each) and one of 229,381
  // bytes (57 units), read strongly: 357.
  const big = await freshTable();
  const huge = chars(409593, 'b');
  const items: Item[] = [0, 1, 2].map((i) => ({ a: { S: two(i) }, b: { S: huge } }));
  items.push({
    a: { S: '03' },
    b: { S: huge.slice(0, 229353) },
    c: { N: '12.3456' },
    d: { B: new Uint8Array([1, 2]) },
    e: { SS: ['a', 'bc'] },
    f: { NS: ['1.23', '12.3'] },
    g: { BS: [new Uint8Array([1, 2]), new Uint8Array([2]), new Uint8Array([1])] },
  });
  for (const item of items) await putAll(big, [item]);
  const all = await s.client.send(
    new BatchGetItemCommand({
      RequestItems: { [big]: { Keys: items.map(({ a }) => ({ a: a! })), ConsistentRead: true } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  assert.equal([all.ConsumedCapacity, all.Responses?.[big]?.length], [[{ CapacityUnits: 357, TableName: big }], 4]);
});

// Developer guide, "Read/write capacity mode": "A transactional read request of an item up to 4 KB requires two
// read units"; each item is rounded up on its own, a missing item costs as much, one entry per table. Transactions
// name the kind of their units at the top and in the INDEXES entries (paritysuite/dynamodb-conformance PR #74 and
// issue #69, measured in eu-west-2: "the split is transactional-only").
test('TransactGetItems: two units per started 4 KB of each item, named ReadCapacityUnits', async () => {
  const TableName = await freshTable();
  await putAll(TableName, [
    { a: { S: 'one' }, b: { S: chars(4090, 'b') } }, // 4,095 bytes: one block
    { a: { S: 'two' }, b: { S: chars(4092, 'b') } }, // 4,097 bytes: two blocks
  ]);
  const get = (ReturnConsumedCapacity: 'TOTAL' | 'INDEXES') =>
    s.client.send(
      new TransactGetItemsCommand({
        TransactItems: ['one', 'two', 'none'].map((a) => ({ Get: { TableName, Key: { a: { S: a } } } })),
        ReturnConsumedCapacity,
      }),
    );
  assert.equal((await get('TOTAL')).ConsumedCapacity, [{ TableName, CapacityUnits: 8, ReadCapacityUnits: 8 }]);
  assert.equal((await get('INDEXES')).ConsumedCapacity, [
    { TableName, CapacityUnits: 8, ReadCapacityUnits: 8, Table: { CapacityUnits: 8, ReadCapacityUnits: 8 } },
  ]);
});

// paritysuite/dynamodb-conformance PR #67 (eu-west-2): a transactional write costs 2 write units per sub-1 KB item,
// a ConditionCheck 2 write units too; the answer names WriteCapacityUnits (rusoto/rusoto issue #1919 quotes one).
test('TransactWriteItems: two write units per item, ConditionCheck included', async () => {
  const TableName = await freshTable();
  await putAll(TableName, [{ a: { S: 'checked' } }]);
  const r = await s.client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName, Item: { a: { S: 'p1' } } } },
        { Put: { TableName, Item: { a: { S: 'p2' }, v: { S: chars(1500) } } } }, // 2 KB started: 4 units
        { ConditionCheck: { TableName, Key: { a: { S: 'checked' } }, ConditionExpression: 'attribute_exists(a)' } },
      ],
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  assert.equal(r.ConsumedCapacity, [
    { TableName, CapacityUnits: 8, WriteCapacityUnits: 8, Table: { CapacityUnits: 8, WriteCapacityUnits: 8 } },
  ]);
});

test.run();
