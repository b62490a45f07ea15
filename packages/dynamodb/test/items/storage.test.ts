import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allItems,
  backfillIndex,
  deleteItems,
  dropIndexEntries,
  dropTableItems,
  putItems,
  readStats,
} from '../../src/storage/items.js';
import { indexPrefix, prefixEnd, tableItemKey, MAX_STORAGE_KEY } from '../../src/storage/items-keys.js';
import { itemSize, type Item } from '../../src/model/index.js';
import { index, openTestEngine, table, type TestEngine } from './fixtures.js';

let t: TestEngine;
test.before.each(() => {
  t = openTestEngine();
});
test.after.each(async () => {
  await t.close();
});

const gsi = index(
  'GSI',
  1,
  'byCustomer',
  { hash: { name: 'customer', type: 'S' }, range: { name: 'total', type: 'N' } },
  { ProjectionType: 'KEYS_ONLY' },
);
const lsi = index(
  'LSI',
  2,
  'byDate',
  { hash: { name: 'pk', type: 'S' }, range: { name: 'date', type: 'S' } },
  { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
);
const orders = table(7, { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'N' } }, [gsi], [lsi]);

const entries = (tableId: number, indexId: number): Item[] =>
  [
    ...t.engine.store.items.getRange({
      start: indexPrefix(tableId, indexId),
      end: prefixEnd(indexPrefix(tableId, indexId)),
    }),
  ].map((e) => e.value);

const order = (pk: string, sk: number, extra: Item = {}): Item => ({ pk: { S: pk }, sk: { N: String(sk) }, ...extra });

test('putItems writes the item, sparse index entries with their projection, and stats', async () => {
  const a = order('a', 1, { customer: { S: 'c1' }, total: { N: '10' }, note: { S: 'n' }, big: { S: 'x'.repeat(100) } });
  const b = order('a', 2, { date: { S: '2024' }, note: { S: 'hello' }, other: { S: 'y' } });
  await putItems(t.engine, orders, [a, b]);
  assert.equal(entries(7, 0).length, 2);
  assert.equal(entries(7, 1), [{ pk: { S: 'a' }, sk: { N: '1' }, customer: { S: 'c1' }, total: { N: '10' } }]);
  assert.equal(entries(7, 2), [{ pk: { S: 'a' }, sk: { N: '2' }, date: { S: '2024' }, note: { S: 'hello' } }]);
  assert.equal(readStats(t.engine, orders, 0), { count: 2, bytes: itemSize(a) + itemSize(b) });
  assert.equal(readStats(t.engine, orders, 1).count, 1);
  assert.equal(readStats(t.engine, orders, 2).count, 1);
});

test('overwriting an item moves its index entry and keeps stats exact', async () => {
  await putItems(t.engine, orders, [order('a', 1, { customer: { S: 'c1' }, total: { N: '10' } })]);
  const changed = order('a', 1, { customer: { S: 'c2' }, total: { N: '10' } });
  await putItems(t.engine, orders, [changed]);
  const idx = entries(7, 1);
  assert.equal(idx.length, 1);
  assert.equal(idx[0]!.customer, { S: 'c2' });
  assert.equal(readStats(t.engine, orders, 0), { count: 1, bytes: itemSize(changed) });
  assert.equal(readStats(t.engine, orders, 1).count, 1);
  // Dropping the index key attribute removes the entry (sparse index).
  await putItems(t.engine, orders, [order('a', 1)]);
  assert.equal(entries(7, 1), []);
  assert.equal(readStats(t.engine, orders, 1), { count: 0, bytes: 0 });
});

test('deleteItems removes item, entries and stats; deleting a missing key is a no-op', async () => {
  await putItems(t.engine, orders, [order('a', 1, { customer: { S: 'c' }, total: { N: '1' }, date: { S: 'd' } })]);
  await deleteItems(t.engine, orders, [order('a', 1), order('zz', 9)]);
  assert.equal(entries(7, 0), []);
  assert.equal(entries(7, 1), []);
  assert.equal(entries(7, 2), []);
  assert.equal(readStats(t.engine, orders, 0), { count: 0, bytes: 0 });
});

test('items of a partition are stored in range order (numbers numerically)', async () => {
  const sks = [10, -5, 2, 1.5, 100, 0, -100];
  await putItems(
    t.engine,
    orders,
    sks.map((n) => order('p', n)),
  );
  const got = entries(7, 0).map((i) => Number((i.sk as { N: string }).N));
  assert.equal(
    got,
    [...sks].sort((x, y) => x - y),
  );
  assert.equal([...allItems(t.engine, orders)].length, sks.length);
});

test('write listeners see committed writes with old and new items', async () => {
  const seen: unknown[] = [];
  t.engine.writeListeners.push((tbl, key, oldItem, newItem) => seen.push([tbl.TableName, key, oldItem?.v, newItem?.v]));
  await putItems(t.engine, orders, [order('a', 1, { v: { S: '1' } })]);
  await putItems(t.engine, orders, [order('a', 1, { v: { S: '2' } })]);
  await deleteItems(t.engine, orders, [order('a', 1)]);
  assert.equal(seen, [
    ['t7', order('a', 1), undefined, { S: '1' }],
    ['t7', order('a', 1), { S: '1' }, { S: '2' }],
    ['t7', order('a', 1), { S: '2' }, undefined],
  ]);
});

test('backfillIndex indexes existing items in chunks; dropIndexEntries removes them', async () => {
  const plain = table(8, { hash: { name: 'id', type: 'N' } });
  const items = Array.from({ length: 2500 }, (_, i) => ({
    id: { N: String(i) },
    g: { S: `g${i % 3}` },
    ...(i % 2 ? {} : { h: { N: '1' } }),
  }));
  await putItems(t.engine, plain, items);
  const late = index(
    'GSI',
    3,
    'byG',
    { hash: { name: 'g', type: 'S' }, range: { name: 'h', type: 'N' } },
    { ProjectionType: 'ALL' },
  );
  plain.GlobalSecondaryIndexes.push(late);
  await backfillIndex(t.engine, plain, late);
  assert.equal(entries(8, 3).length, 1250);
  assert.equal(readStats(t.engine, plain, 3).count, 1250);
  await backfillIndex(t.engine, plain, late); // idempotent
  assert.equal(readStats(t.engine, plain, 3).count, 1250);
  await dropIndexEntries(t.engine, plain, late);
  assert.equal(entries(8, 3), []);
  assert.equal(readStats(t.engine, plain, 3), { count: 0, bytes: 0 });
  assert.equal(readStats(t.engine, plain, 0).count, 2500);
});

test('dropTableItems removes one table and leaves its neighbours', async () => {
  const t8 = table(8, { hash: { name: 'pk', type: 'S' } });
  await putItems(t.engine, orders, [order('a', 1, { customer: { S: 'c' }, total: { N: '1' } })]);
  await putItems(t.engine, t8, [{ pk: { S: 'x' } }]);
  await dropTableItems(t.engine, orders);
  assert.equal(entries(7, 0), []);
  assert.equal(entries(7, 1), []);
  assert.equal(readStats(t.engine, orders, 0), { count: 0, bytes: 0 });
  assert.equal(entries(8, 0).length, 1);
  assert.equal(readStats(t.engine, t8, 0).count, 1);
});

test("keys beyond lmdb's key limit are stored (hash 2048 + range 1024 bytes)", async () => {
  const long = table(9, { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type: 'S' } });
  const a = { pk: { S: 'h'.repeat(2048) }, sk: { S: 'r'.repeat(1024) } };
  const b = { pk: { S: 'h'.repeat(2048) }, sk: { S: 'r'.repeat(1023) + 's' } };
  await putItems(t.engine, long, [a, b]);
  assert.ok(tableItemKey(long, a).length <= MAX_STORAGE_KEY);
  assert.equal(t.engine.store.items.get(tableItemKey(long, a)), a);
  assert.equal(t.engine.store.items.get(tableItemKey(long, b)), b);
  assert.equal(readStats(t.engine, long, 0).count, 2);
});

test.run();
