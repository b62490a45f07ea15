// The object store answers a write once LMDB has committed it (page cache), then one fdatasync on the thread pool
// covers every commit of the interval, as the DynamoDB side does by default. Not one flush per write, none when idle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import { ObjectStore } from '../../src/storage/object-store.js';
import { tempDir } from '../helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const configMap = (name: string, rv: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', resourceVersion: rv },
});
const addConfigMap = (store: ObjectStore, name: string) =>
  store.commit('ADDED', `/configmaps/default/${name}`, undefined, (rv) => configMap(name, rv));

// Every store a test opens is closed (idempotent) and its directory removed, whether the test passed or not.
const opened: { store: ObjectStore; dir: string }[] = [];
function openStore(flushIntervalMs?: number, dir = tempDir()): ObjectStore {
  const store = new ObjectStore({ dataDir: dir, historySize: 100, flushIntervalMs });
  opened.push({ store, dir });
  return store;
}
test.after.each(async () => {
  for (const { store } of opened) await store.close();
  for (const { dir } of opened.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('a burst of commits is flushed once, within the interval; an idle store is not flushed', async () => {
  const store = openStore(40);
  await sleep(80);
  assert.is(store.flushes, 0, 'nothing committed, nothing flushed');
  for (let i = 0; i < 20; i++) addConfigMap(store, `c${i}`);
  assert.is(store.flushes, 0, 'the commit itself does not wait for the disk');
  // The flush starts 40 ms later; a busy disk may take a while to finish it.
  for (let waited = 0; store.flushes === 0 && waited < 5000; waited += 20) await sleep(20);
  assert.is(store.flushes, 1, 'one flush covers the 20 commits');
  await sleep(100);
  assert.is(store.flushes, 1, 'and none follows while idle');
});

test('close flushes what is pending, and the data is there after reopening', async () => {
  const store = openStore(60_000);
  addConfigMap(store, 'kept');
  await store.close();
  assert.is(store.flushes, 1, 'close flushed the pending commit');
  const reopened = openStore(undefined, opened[0]!.dir);
  assert.is(reopened.get('/configmaps/default/kept')?.metadata?.name, 'kept');
  assert.is(reopened.currentRevision(), 1);
});

test('closing twice closes once and flushes once', async () => {
  const store = openStore(60_000);
  addConfigMap(store, 'once');
  await Promise.all([store.close(), store.close()]);
  await store.close();
  assert.is(store.flushes, 1);
});

test.run();
