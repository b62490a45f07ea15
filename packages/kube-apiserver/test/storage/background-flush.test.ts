// The object store answers a write once LMDB has committed it (page cache), then one fdatasync on the thread pool
// covers every commit of the interval, as the DynamoDB side does by default. Not one flush per write, none when idle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import { ObjectStore } from '../../src/storage/object-store.js';
import { tempDir } from '../helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const widget = (name: string, rv: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv } });

test('a burst of commits is flushed once, within the interval; an idle store is not flushed', async () => {
  const dir = tempDir();
  const store = new ObjectStore({ dataDir: dir, historySize: 100, flushIntervalMs: 40 });
  try {
    await sleep(80);
    assert.is(store.flushes, 0, 'nothing committed, nothing flushed');
    for (let i = 0; i < 20; i++) store.commit('ADDED', `/configmaps/default/c${i}`, undefined, (rv) => widget(`c${i}`, rv));
    assert.is(store.flushes, 0, 'the commit itself does not wait for the disk');
    await sleep(200);
    assert.is(store.flushes, 1, 'one flush covers the 20 commits');
    await sleep(100);
    assert.is(store.flushes, 1, 'and none follows while idle');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('close flushes what is pending, and the data is there after reopening', async () => {
  const dir = tempDir();
  const store = new ObjectStore({ dataDir: dir, historySize: 100, flushIntervalMs: 60_000 });
  store.commit('ADDED', '/configmaps/default/kept', undefined, (rv) => widget('kept', rv));
  await store.close();
  assert.is(store.flushes, 1, 'close flushed the pending commit');
  const reopened = new ObjectStore({ dataDir: dir, historySize: 100 });
  try {
    assert.is(reopened.get('/configmaps/default/kept')?.metadata?.name, 'kept');
    assert.is(reopened.currentRevision(), 1);
  } finally {
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('closing twice closes once and flushes once', async () => {
  const dir = tempDir();
  const store = new ObjectStore({ dataDir: dir, historySize: 100, flushIntervalMs: 60_000 });
  store.commit('ADDED', '/configmaps/default/once', undefined, (rv) => widget('once', rv));
  await Promise.all([store.close(), store.close()]);
  await store.close();
  assert.is(store.flushes, 1);
  rmSync(dir, { recursive: true, force: true });
});

test.run();
