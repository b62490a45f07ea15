// The TTL expiry index: maintained from item writes, read in expiry order, bounded, dropped with TTL.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openFakeEngine, type FakeEngine } from './support/fake-engine.js';
import { TtlIndex } from '../../src/features/ttl/ttl-index.js';
import { expiryOf, isExpired, FIVE_YEARS_SECONDS } from '../../src/features/ttl/expiry.js';
import type { TableMeta } from '../../src/storage/types.js';
import type { ItemChange } from '../../src/storage/change-hooks.js';
import type { Item } from '../../src/model/index.js';

let engine: FakeEngine;
let table: TableMeta;
let index: TtlIndex;
test.before.each(() => {
  engine = openFakeEngine();
  table = engine.addTable('sessions', 'us-west-2', { TimeToLive: { AttributeName: 'exp', Enabled: true } });
  index = new TtlIndex(engine);
});
test.after.each(async () => engine.close());

const settle = () => engine.storage.store.writes.settled();
const change = (t: TableMeta, key: Item, oldItem: Item | undefined, newItem: Item | undefined): ItemChange => ({
  table: t,
  key,
  oldItem,
  newItem,
  cause: 'user',
});
const item = (id: string, exp?: string) => ({ id: { S: id }, ...(exp !== undefined ? { exp: { N: exp } } : {}) });

test('expiryOf: only Numbers count; fractional seconds round up', () => {
  assert.is(expiryOf(item('a', '100'), 'exp'), 100);
  assert.is(expiryOf(item('a', '100.2'), 'exp'), 101);
  assert.is(expiryOf({ id: { S: 'a' }, exp: { S: '100' } }, 'exp'), undefined);
  assert.is(expiryOf(item('a'), 'exp'), undefined);
  assert.is(expiryOf(item('a', '-5'), 'exp'), undefined);
  assert.ok(isExpired(100, 100));
  assert.not.ok(isExpired(101, 100));
  assert.not.ok(isExpired(100, 100 + FIVE_YEARS_SECONDS + 1), 'more than five years past: never deleted');
});

test('writes add, move and remove entries; due() returns only what has expired, earliest first', async () => {
  index.onWrite(change(table, { id: { S: 'b' } }, undefined, item('b', '200')));
  index.onWrite(change(table, { id: { S: 'a' } }, undefined, item('a', '100')));
  index.onWrite(change(table, { id: { S: 'c' } }, undefined, item('c', '300')));
  index.onWrite(change(table, { id: { S: 'n' } }, undefined, item('n')));
  await settle();
  assert.equal(
    index.due(table.id, 250, 10).map((e) => e.key),
    [{ id: { S: 'a' } }, { id: { S: 'b' } }],
  );
  assert.is(index.due(table.id, 250, 1).length, 1, 'bounded');

  index.onWrite(change(table, { id: { S: 'a' } }, item('a', '100'), item('a', '400')));
  index.onWrite(change(table, { id: { S: 'b' } }, item('b', '200'), undefined));
  await settle();
  assert.equal(index.due(table.id, 250, 10), []);
  assert.equal(
    index.due(table.id, 1000, 10).map((e) => [e.expiry, e.key.id]),
    [
      [300, { S: 'c' }],
      [400, { S: 'a' }],
    ],
  );
});

test('tables without TTL enabled are not indexed; dropTable forgets a table', async () => {
  const plain = engine.addTable('plain');
  index.onWrite(change(plain, { id: { S: 'x' } }, undefined, item('x', '1')));
  index.onWrite(change(table, { id: { S: 'y' } }, undefined, item('y', '1')));
  await settle();
  assert.is(index.due(plain.id, 10, 10).length, 0);
  assert.is(index.due(table.id, 10, 10).length, 1);
  void index.dropTable(table.id);
  await settle();
  assert.is(index.due(table.id, 10, 10).length, 0);
});

test.run();
