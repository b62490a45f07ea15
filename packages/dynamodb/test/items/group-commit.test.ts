// Group commit (storage/group-commit.ts): requests of one event-loop turn share a commit, yet each stays atomic on
// its own and sees the writes of the requests committed before it in the group.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/index.js';
import { openStore } from '../../src/storage/store.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  dirs.push(dir);
  return dir;
};
test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('writes queued in one turn commit in one transaction, and a throwing one rolls back alone', async () => {
  const store = openStore({ path: tempDir() });
  // Count the outermost transactions: nested calls are the requests' child transactions.
  let commits = 0;
  let depth = 0;
  const transactionSync = store.env.transactionSync.bind(store.env);
  store.env.transactionSync = ((work: () => unknown, flags?: number) => {
    if (depth++ === 0) commits++;
    try {
      return transactionSync(work, flags);
    } finally {
      depth--;
    }
  }) as typeof store.env.transactionSync;
  const kept = store.writes.run(() => {
    void store.meta.put('a', 1);
    return 'a';
  });
  const failed = store.writes.run(() => {
    void store.meta.put('b', 2); // written, then the request fails: its child transaction must be aborted
    throw new Error('boom');
  });
  const after = store.writes.run(() => store.meta.get('a')); // sees the earlier request of its group
  assert.is(await kept, 'a');
  await failed.then(
    () => assert.unreachable('should reject'),
    (e: Error) => assert.is(e.message, 'boom'),
  );
  assert.is(await after, 1);
  assert.is(store.meta.get('a'), 1);
  assert.is(store.meta.get('b'), undefined);
  assert.is(commits, 1, 'one commit for the three requests');
  await store.close();
});

test('writes queued when the store closes are committed, not lost', async () => {
  const path = tempDir();
  const store = openStore({ path });
  const pending = store.writes.run(() => store.meta.put('late', 'yes'));
  await store.close();
  await pending;
  const reopened = openStore({ path });
  assert.is(reopened.meta.get('late'), 'yes');
  await reopened.close();
});

test('concurrent conditional puts of one key in one group: exactly one wins', async () => {
  const engine = await openEngine({ dataDir: tempDir(), ttlSweepIntervalMs: 0 });
  const ctx = engine.contextFor({ accountId: '123456789012', region: 'us-west-2' });
  await engine.dispatch(
    'CreateTable',
    {
      TableName: 'race',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    },
    ctx,
  );
  const attempts = Array.from({ length: 20 }, (_, i) =>
    engine
      .dispatch(
        'PutItem',
        {
          TableName: 'race',
          Item: { pk: { S: 'k' }, by: { N: String(i) } },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        ctx,
      )
      .then(
        () => 'ok',
        (e: { name?: string }) => e.name ?? String(e),
      ),
  );
  const outcomes = await Promise.all(attempts);
  assert.is(outcomes.filter((o) => o === 'ok').length, 1);
  assert.is(outcomes.filter((o) => o === 'ConditionalCheckFailedException').length, 19);
  const { Item } = (await engine.dispatch('GetItem', { TableName: 'race', Key: { pk: { S: 'k' } } }, ctx)) as {
    Item: { by: { N: string } };
  };
  assert.is(Item.by.N, String(outcomes.indexOf('ok')), 'the first request of the group won');
  const { Table } = (await engine.dispatch('DescribeTable', { TableName: 'race' }, ctx)) as {
    Table: { ItemCount: number };
  };
  assert.is(Table.ItemCount, 1);
  await engine.close();
});

test.run();
