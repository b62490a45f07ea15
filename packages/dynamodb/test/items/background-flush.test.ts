// The default durability (@ack-local/lmdb-flush): answered once committed, then one fsync on the thread pool covers
// every commit of the interval. 'always' fsyncs inside the commit and 'never' not at all, so neither schedules one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/store.js';
import type { SyncMode } from '../../src/storage/store.js';

const dirs: string[] = [];
test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A store whose env.sync calls are counted (the flusher calls env.sync(callback) on the thread pool). */
function countingStore(sync: SyncMode, flushIntervalMs = 50) {
  const dir = mkdtempSync(join(tmpdir(), 'background-flush-'));
  dirs.push(dir);
  const store = openStore({ path: dir, sync, flushIntervalMs });
  const env = store.env as unknown as { sync(cb: (e?: Error) => void): void };
  const real = env.sync.bind(env);
  const counter = { syncs: 0 };
  env.sync = (cb) => {
    counter.syncs++;
    real(cb);
  };
  return { store, counter };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('background: a commit is answered before its flush, and one flush covers the commits of an interval', async () => {
  // Intervals long enough that a loaded CI machine cannot let one elapse between a commit and the check after it.
  const { store, counter } = countingStore('background', 200);
  try {
    await store.flush(); // opening commits the format marker and schedules its own flush: settle it first
    counter.syncs = 0;
    await Promise.all([1, 2, 3].map((n) => store.writes.run(() => store.meta.put(`k${n}`, n))));
    await store.writes.run(() => store.meta.put('k4', 4)); // a second group commit, same interval
    assert.is(counter.syncs, 0, 'answered before any flush');
    assert.is(store.meta.get('k4'), 4, 'committed: readable at once');
    await sleep(500);
    assert.is(counter.syncs, 1, 'one flush for both groups');
    await sleep(300);
    assert.is(counter.syncs, 1, 'no flush without a commit');
    store.catalog.putSync('t', { TableName: 't' } as never);
    store.committed();
    await sleep(500);
    assert.is(counter.syncs, 2, 'commits outside the group commit are flushed too');
  } finally {
    await store.close();
  }
});

test('always and never: no background flush; every mode flushes on close', async () => {
  for (const mode of ['always', 'never'] as const) {
    const { store, counter } = countingStore(mode, 10);
    await store.writes.run(() => store.meta.put('k', 1));
    await sleep(60);
    assert.is(counter.syncs, 0, mode);
    await store.close();
    assert.is(counter.syncs, 1, `${mode}: close flushes`);
  }
});

test('flush() resolves once the commits made so far are flushed', async () => {
  const { store, counter } = countingStore('background', 60_000);
  try {
    await store.writes.run(() => store.meta.put('k', 1));
    await store.flush();
    assert.is(counter.syncs, 1);
  } finally {
    await store.close();
  }
});

test.run();
