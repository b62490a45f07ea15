// Query through the AWS SDK v3: key conditions, ordering, pagination, page size, filters, Select, indexes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { QueryCommand as RawQuery, UpdateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { createTable, rejects, startItemsServer, type ItemsServer } from './items-harness.js';

let s: ItemsServer;

async function putAll(table: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    await s.doc.send(
      new BatchWriteCommand({
        RequestItems: { [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

async function queryAll(input: QueryCommandInput): Promise<{ items: Record<string, any>[]; pages: number }> {
  const items: Record<string, any>[] = [];
  let pages = 0;
  let start: Record<string, any> | undefined;
  do {
    const r = await s.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    pages++;
    items.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return { items, pages };
}

const NUMS = [-1e10, -100, -2.5, -1, 0, 0.001, 1, 1.5, 2, 10, 99, 100, 1000, 123456789012345, 1e15];

test.before(async () => {
  s = await startItemsServer();
  await createTable(s.client, {
    TableName: 'orders',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'amt', AttributeType: 'N' },
      { AttributeName: 'status', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byCustomer',
        KeySchema: [
          { AttributeName: 'customer', KeyType: 'HASH' },
          { AttributeName: 'amt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'byCustomerAll',
        KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'status', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
      },
    ],
  });
  await createTable(s.client, {
    TableName: 'strings',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
  });
  await createTable(s.client, {
    TableName: 'binary',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'B' },
    ],
  });
  await putAll(
    'orders',
    NUMS.map((n) => ({ pk: 'p', sk: n, v: `v${n}` })),
  );
  await putAll(
    'orders',
    Array.from({ length: 10 }, (_, i) => ({ pk: 'other', sk: i })),
  );
});
test.after(async () => {
  await s?.close();
});

const byPk = (extra: Partial<QueryCommandInput> = {}): QueryCommandInput => ({
  TableName: 'orders',
  KeyConditionExpression: 'pk = :p',
  ExpressionAttributeValues: { ':p': 'p' },
  ...extra,
});

test('N range keys come back in numeric order, forward and reverse', async () => {
  const fwd = await s.doc.send(new QueryCommand(byPk()));
  assert.equal(
    fwd.Items!.map((i) => i.sk),
    NUMS,
  );
  assert.is(fwd.Count, NUMS.length);
  assert.is(fwd.ScannedCount, NUMS.length);
  assert.is(fwd.LastEvaluatedKey, undefined);
  const rev = await s.doc.send(new QueryCommand(byPk({ ScanIndexForward: false })));
  assert.equal(
    rev.Items!.map((i) => i.sk),
    [...NUMS].reverse(),
  );
});

test('range conditions: = < <= > >= BETWEEN', async () => {
  const q = async (cond: string, values: Record<string, unknown>, forward = true) =>
    (
      await s.doc.send(
        new QueryCommand({
          TableName: 'orders',
          KeyConditionExpression: `pk = :p AND ${cond}`,
          ExpressionAttributeValues: { ':p': 'p', ...values },
          ScanIndexForward: forward,
        }),
      )
    ).Items!.map((i) => i.sk);
  assert.equal(await q('sk = :v', { ':v': 1.5 }), [1.5]);
  assert.equal(await q('sk = :v', { ':v': 1.25 }), []);
  assert.equal(await q('sk < :v', { ':v': 0 }), [-1e10, -100, -2.5, -1]);
  assert.equal(await q('sk <= :v', { ':v': 0 }), [-1e10, -100, -2.5, -1, 0]);
  assert.equal(await q('sk > :v', { ':v': 100 }), [1000, 123456789012345, 1e15]);
  assert.equal(await q('sk >= :v', { ':v': 100 }), [100, 1000, 123456789012345, 1e15]);
  assert.equal(await q('sk >= :v', { ':v': 100 }, false), [1e15, 123456789012345, 1000, 100]);
  assert.equal(await q('sk BETWEEN :a AND :b', { ':a': -1, ':b': 2 }), [-1, 0, 0.001, 1, 1.5, 2]);
  assert.equal(await q('sk BETWEEN :a AND :b', { ':a': -1, ':b': 2 }, false), [2, 1.5, 1, 0.001, 0, -1]);
});

test('S range keys order by UTF-8 bytes; begins_with in both directions', async () => {
  const keys = ['a', 'B', 'ab', 'abc', 'abd', 'ac', 'é', 'z', '', 'a\u0000b', '😀', '\uffff'].filter((k) => k !== '');
  await putAll(
    'strings',
    keys.map((sk) => ({ pk: 's', sk })),
  );
  const sorted = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  const all = await s.doc.send(
    new QueryCommand({
      TableName: 'strings',
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': 's' },
    }),
  );
  assert.equal(
    all.Items!.map((i) => i.sk),
    sorted,
  );
  const bw = async (prefix: string, forward: boolean) =>
    (
      await s.doc.send(
        new QueryCommand({
          TableName: 'strings',
          KeyConditionExpression: 'pk = :p AND begins_with(sk, :x)',
          ExpressionAttributeValues: { ':p': 's', ':x': prefix },
          ScanIndexForward: forward,
        }),
      )
    ).Items!.map((i) => i.sk);
  assert.equal(await bw('ab', true), ['ab', 'abc', 'abd']);
  assert.equal(await bw('ab', false), ['abd', 'abc', 'ab']);
  assert.equal(await bw('a', true), ['a', 'a\u0000b', 'ab', 'abc', 'abd', 'ac']);
  assert.equal(await bw('\uffff', false), ['\uffff']);
});

test('B range keys order by bytes', async () => {
  const keys = [[0], [0, 0], [1], [0xff], [0x7f, 1], [0x80]].map((b) => new Uint8Array(b));
  await putAll(
    'binary',
    keys.map((sk) => ({ pk: 'b', sk })),
  );
  const r = await s.doc.send(
    new QueryCommand({
      TableName: 'binary',
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': 'b' },
    }),
  );
  const got = r.Items!.map((i) => Buffer.from(i.sk as Uint8Array).toString('hex'));
  const expected = keys
    .map((k) => Buffer.from(k))
    .sort(Buffer.compare)
    .map((b) => b.toString('hex'));
  assert.equal(got, expected);
  const bw = await s.client.send(
    new RawQuery({
      TableName: 'binary',
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :x)',
      ExpressionAttributeValues: { ':p': { S: 'b' }, ':x': { B: new Uint8Array([0]) } },
    }),
  );
  assert.equal(
    bw.Items!.map((i) => Buffer.from(i.sk!.B!).toString('hex')),
    ['00', '0000'],
  );
});

test('Limit and ExclusiveStartKey paginate exactly, in both directions', async () => {
  for (const forward of [true, false]) {
    const { items, pages } = await queryAll(byPk({ Limit: 4, ScanIndexForward: forward }));
    const expected = forward ? NUMS : [...NUMS].reverse();
    assert.equal(
      items.map((i) => i.sk),
      expected,
    );
    assert.is(pages, Math.ceil(NUMS.length / 4));
  }
  const first = await s.doc.send(new QueryCommand(byPk({ Limit: 2 })));
  assert.equal(first.LastEvaluatedKey, { pk: 'p', sk: NUMS[1] });
  const exact = await s.doc.send(new QueryCommand(byPk({ Limit: NUMS.length })));
  assert.is(exact.Count, NUMS.length);
});

test('FilterExpression applies after Limit: Count vs ScannedCount', async () => {
  const r = await s.doc.send(
    new QueryCommand(
      byPk({ Limit: 6, FilterExpression: 'v = :one', ExpressionAttributeValues: { ':p': 'p', ':one': 'v0.001' } }),
    ),
  );
  assert.is(r.ScannedCount, 6);
  assert.is(r.Count, 1);
  assert.equal(
    r.Items!.map((i) => i.sk),
    [0.001],
  );
  assert.ok(r.LastEvaluatedKey);
  const all = await queryAll(
    byPk({
      Limit: 3,
      // Positive numbers: not "v-…" and not "v0" (a filter may not name the key attribute sk itself).
      FilterExpression: 'NOT begins_with(v, :minus) AND v <> :zero',
      ExpressionAttributeValues: { ':p': 'p', ':minus': 'v-', ':zero': 'v0' },
    }),
  );
  assert.equal(
    all.items.map((i) => i.sk),
    NUMS.filter((n) => n > 0),
  );
});

test('Select COUNT, SPECIFIC_ATTRIBUTES and their errors', async () => {
  const c = await s.doc.send(new QueryCommand(byPk({ Select: 'COUNT' })));
  assert.is(c.Items, undefined);
  assert.is(c.Count, NUMS.length);
  const p = await s.doc.send(new QueryCommand(byPk({ ProjectionExpression: 'v', Limit: 1 })));
  assert.equal(p.Items, [{ v: `v${NUMS[0]}` }]);
  await rejects(
    s.doc.send(new QueryCommand(byPk({ Select: 'ALL_ATTRIBUTES', ProjectionExpression: 'v' }))),
    'ValidationException',
    // Query words these inside the envelope: moto tests/test_dynamodb/test_dynamodb_select.py (aws_verified);
    // fidelity-select.test.ts covers every Select against every projection.
    '1 validation error detected: Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES',
  );
  await rejects(
    s.doc.send(new QueryCommand(byPk({ Select: 'SPECIFIC_ATTRIBUTES' }))),
    'ValidationException',
    '1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
  );
  await rejects(
    s.doc.send(new QueryCommand(byPk({ Select: 'ALL_PROJECTED_ATTRIBUTES' }))),
    'ValidationException',
    '1 validation error detected: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
  );
});

test('1 MB page limit on items read', async () => {
  const big = 'x'.repeat(100 * 1024);
  await putAll(
    'orders',
    Array.from({ length: 25 }, (_, i) => ({ pk: 'big', sk: i, d: big })),
  );
  const r = await s.doc.send(
    new QueryCommand({
      TableName: 'orders',
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': 'big' },
      Select: 'COUNT',
    }),
  );
  assert.ok(r.ScannedCount! >= 10 && r.ScannedCount! <= 11, `scanned ${r.ScannedCount}`);
  assert.ok(r.LastEvaluatedKey);
  const { items, pages } = await queryAll({
    TableName: 'orders',
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': 'big' },
    ProjectionExpression: 'sk',
  });
  assert.equal(
    items.map((i) => i.sk),
    Array.from({ length: 25 }, (_, i) => i),
  );
  assert.is(pages, 3);
});

test('GSI: sparse, KEYS_ONLY projection, LEK with index and table keys, paging over equal index keys', async () => {
  await putAll(
    'orders',
    Array.from({ length: 7 }, (_, i) => ({ pk: `g${i}`, sk: 1, customer: 'alice', amt: i % 3, note: 'n', extra: 'e' })),
  );
  await s.doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'nocust', sk: 1, amt: 5 } }));
  const all = await queryAll({
    TableName: 'orders',
    IndexName: 'byCustomer',
    KeyConditionExpression: 'customer = :c',
    ExpressionAttributeValues: { ':c': 'alice' },
    Limit: 2,
  });
  assert.is(all.items.length, 7);
  assert.equal(
    all.items.map((i) => i.amt),
    [0, 0, 0, 1, 1, 2, 2],
  );
  assert.equal(Object.keys(all.items[0]!).sort(), ['amt', 'customer', 'pk', 'sk']);
  const page = await s.doc.send(
    new QueryCommand({
      TableName: 'orders',
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customer = :c',
      ExpressionAttributeValues: { ':c': 'alice' },
      Limit: 1,
    }),
  );
  assert.equal(Object.keys(page.LastEvaluatedKey!).sort(), ['amt', 'customer', 'pk', 'sk']);
  const ranged = await s.doc.send(
    new QueryCommand({
      TableName: 'orders',
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customer = :c AND amt >= :t',
      ExpressionAttributeValues: { ':c': 'alice', ':t': 1 },
      ScanIndexForward: false,
    }),
  );
  assert.equal(
    ranged.Items!.map((i) => i.amt),
    [2, 2, 1, 1],
  );
  const allProj = await s.doc.send(
    new QueryCommand({
      TableName: 'orders',
      IndexName: 'byCustomerAll',
      KeyConditionExpression: 'customer = :c',
      ExpressionAttributeValues: { ':c': 'alice' },
    }),
  );
  assert.is(allProj.Items!.length, 7);
  assert.is(allProj.Items![0]!.extra, 'e');
});

test('GSI errors: consistent reads, ALL_ATTRIBUTES and unprojected attributes', async () => {
  const gsi = {
    TableName: 'orders',
    IndexName: 'byCustomer',
    KeyConditionExpression: 'customer = :c',
    ExpressionAttributeValues: { ':c': 'alice' },
  };
  await rejects(
    s.doc.send(new QueryCommand({ ...gsi, ConsistentRead: true })),
    'ValidationException',
    'Consistent reads are not supported on global secondary indexes',
  );
  await rejects(
    s.doc.send(new QueryCommand({ ...gsi, Select: 'ALL_ATTRIBUTES' })),
    'ValidationException',
    'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byCustomer because its projection type is not ALL',
  );
  await rejects(
    s.doc.send(new QueryCommand({ ...gsi, ProjectionExpression: 'note' })),
    'ValidationException',
    'One or more parameter values were invalid: Global secondary index byCustomer does not project [note]',
  );
  await rejects(
    s.doc.send(new QueryCommand({ ...gsi, IndexName: 'nope' })),
    'ValidationException',
    'The table does not have the specified index: nope',
  );
});

test('LSI: INCLUDE projection, ALL_ATTRIBUTES fetched from the table, sparse', async () => {
  await putAll('orders', [
    { pk: 'l', sk: 1, status: 'b', note: 'n1', extra: 'x1' },
    { pk: 'l', sk: 2, status: 'a', note: 'n2', extra: 'x2' },
    { pk: 'l', sk: 3, note: 'no status' },
  ]);
  const lsi = {
    TableName: 'orders',
    IndexName: 'byStatus',
    KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': 'l' },
  };
  const proj = await s.doc.send(new QueryCommand(lsi));
  assert.equal(proj.Items, [
    { pk: 'l', sk: 2, status: 'a', note: 'n2' },
    { pk: 'l', sk: 1, status: 'b', note: 'n1' },
  ]);
  const full = await s.doc.send(new QueryCommand({ ...lsi, Select: 'ALL_ATTRIBUTES', ConsistentRead: true }));
  assert.equal(
    full.Items!.map((i) => i.extra),
    ['x2', 'x1'],
  );
  const picked = await s.doc.send(new QueryCommand({ ...lsi, ProjectionExpression: 'extra' }));
  assert.equal(picked.Items, [{ extra: 'x2' }, { extra: 'x1' }]);
});

test('Query validation and ExclusiveStartKey errors', async () => {
  await rejects(
    s.client.send(new RawQuery({ TableName: 'orders' })),
    'ValidationException',
    'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
  );
  await rejects(
    s.doc.send(new QueryCommand(byPk({ ExclusiveStartKey: { pk: 'other', sk: 1 } }))),
    'ValidationException',
    'The provided starting key is outside query boundaries based on provided conditions',
  );
  await rejects(
    s.doc.send(new QueryCommand(byPk({ ExclusiveStartKey: { pk: 'p' } }))),
    'ValidationException',
    // Query words a start key of the wrong shape bare (dynalite test/query.js, recorded against DynamoDB).
    'The provided starting key is invalid',
  );
  await rejects(
    s.doc.send(new QueryCommand({ ...byPk(), TableName: 'missing' })),
    'ResourceNotFoundException',
    'Requested resource not found',
  );
});

test('ReturnConsumedCapacity on Query: by bytes read, index units under INDEXES', async () => {
  const r = await s.doc.send(new QueryCommand(byPk({ ReturnConsumedCapacity: 'TOTAL' })));
  assert.equal(r.ConsumedCapacity, { TableName: 'orders', CapacityUnits: 0.5 });
  const c = await s.doc.send(new QueryCommand(byPk({ ReturnConsumedCapacity: 'TOTAL', ConsistentRead: true })));
  assert.equal(c.ConsumedCapacity, { TableName: 'orders', CapacityUnits: 1 });
  const g = await s.doc.send(
    new QueryCommand({
      TableName: 'orders',
      IndexName: 'byCustomer',
      KeyConditionExpression: 'customer = :c',
      ExpressionAttributeValues: { ':c': 'alice' },
      ReturnConsumedCapacity: 'INDEXES',
    }),
  );
  assert.equal(g.ConsumedCapacity, {
    TableName: 'orders',
    CapacityUnits: 0.5,
    GlobalSecondaryIndexes: { byCustomer: { CapacityUnits: 0.5 } },
  });
});

test('UpdateItem and DeleteItem move and remove index entries', async () => {
  await s.doc.send(
    new PutCommand({
      TableName: 'orders',
      Item: { pk: 'mv', sk: 1, customer: 'carol', amt: 1, status: 's1', note: 'x' },
    }),
  );
  const byCustomer = async (c: string) =>
    (
      await s.doc.send(
        new QueryCommand({
          TableName: 'orders',
          IndexName: 'byCustomerAll',
          KeyConditionExpression: 'customer = :c',
          ExpressionAttributeValues: { ':c': c },
        }),
      )
    ).Items!.map((i) => i.pk);
  const byStatus = async () =>
    (
      await s.doc.send(
        new QueryCommand({
          TableName: 'orders',
          IndexName: 'byStatus',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': 'mv' },
        }),
      )
    ).Items!.map((i) => i.status);
  assert.equal(await byCustomer('carol'), ['mv']);
  await s.doc.send(
    new UpdateCommand({
      TableName: 'orders',
      Key: { pk: 'mv', sk: 1 },
      UpdateExpression: 'SET customer = :d, #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':d': 'dave', ':s': 's2' },
    }),
  );
  assert.equal(await byCustomer('carol'), []);
  assert.equal(await byCustomer('dave'), ['mv']);
  assert.equal(await byStatus(), ['s2']);
  await s.doc.send(
    new UpdateCommand({ TableName: 'orders', Key: { pk: 'mv', sk: 1 }, UpdateExpression: 'REMOVE customer' }),
  );
  assert.equal(await byCustomer('dave'), []);
  await s.doc.send(new DeleteCommand({ TableName: 'orders', Key: { pk: 'mv', sk: 1 } }));
  assert.equal(await byStatus(), []);
  await rejects(
    s.doc.send(
      new UpdateCommand({
        TableName: 'orders',
        Key: { pk: 'mv', sk: 2 },
        UpdateExpression: 'SET customer = :n',
        ExpressionAttributeValues: { ':n': 5 },
      }),
    ),
    'ValidationException',
    'One or more parameter values were invalid: Type mismatch for Index Key customer Expected: S Actual: N IndexName: byCustomer',
  );
});

test('a GSI added by UpdateTable is backfilled from existing items', async () => {
  await createTable(s.client, {
    TableName: 'late',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  await putAll(
    'late',
    Array.from({ length: 120 }, (_, i) => ({ id: `i${i}`, ...(i % 3 === 0 ? { grp: `g${i % 2}`, rank: i } : {}) })),
  );
  await s.client.send(
    new UpdateTableCommand({
      TableName: 'late',
      AttributeDefinitions: [
        { AttributeName: 'grp', AttributeType: 'S' },
        { AttributeName: 'rank', AttributeType: 'N' },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: 'byGrp',
            KeySchema: [
              { AttributeName: 'grp', KeyType: 'HASH' },
              { AttributeName: 'rank', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        },
      ],
    }),
  );
  for (let i = 0; i < 100; i++) {
    const t = (await s.client.send(new DescribeTableCommand({ TableName: 'late' }))).Table!;
    if (t.GlobalSecondaryIndexes?.[0]?.IndexStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const g0 = await queryAll({
    TableName: 'late',
    IndexName: 'byGrp',
    KeyConditionExpression: 'grp = :g',
    ExpressionAttributeValues: { ':g': 'g0' },
  });
  assert.equal(
    g0.items.map((i) => i.rank),
    Array.from({ length: 20 }, (_, k) => k * 6),
  );
  await s.doc.send(new PutCommand({ TableName: 'late', Item: { id: 'new', grp: 'g0', rank: -1 } }));
  const again = await s.doc.send(
    new QueryCommand({
      TableName: 'late',
      IndexName: 'byGrp',
      KeyConditionExpression: 'grp = :g',
      ExpressionAttributeValues: { ':g': 'g0' },
      Limit: 1,
    }),
  );
  assert.equal(
    again.Items!.map((i) => i.id),
    ['new'],
  );
});

test.run();
