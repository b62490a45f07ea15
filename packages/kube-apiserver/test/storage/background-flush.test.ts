// The object store answers a write once LMDB has committed it (page cache), then one fdatasync on the thread pool
// covers every commit of the interval, as the DynamoDB side does by default. Not one flush per write, none when idle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync } from 'node:fs';
import type { FlushScheduler } from '@ack-local/lmdb-flush';
import { ObjectStore } from '../../src/storage/object-store.js';
import { tempDir } from '../helpers.js';

/** The flush timer, fired by hand: no sleeping, no dependence on how busy the machine is. */
class ManualScheduler implements FlushScheduler {
  readonly requested: number[] = [];
  #tasks: { run: () => void; cancelled: boolean }[] = [];
  after(delayMs: number, run: () => void) {
    this.requested.push(delayMs);
    const task = { run, cancelled: false };
    this.#tasks.push(task);
    return () => {
      task.cancelled = true;
    };
  }
  fire(): void {
    const due = this.#tasks.filter((t) => !t.cancelled);
    this.#tasks = [];
    due.forEach((t) => t.run());
  }
}
const configMap = (name: string, rv: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', resourceVersion: rv },
});
const addConfigMap = (store: ObjectStore, name: string) =>
  store.commit('ADDED', `/configmaps/default/${name}`, undefined, (rv) => configMap(name, rv));

// Every store a test opens is closed (idempotent) and its directory removed, whether the test passed or not.
const opened: { store: ObjectStore; dir: string }[] = [];
function openStore(flushIntervalMs?: number, dir = tempDir(), flushScheduler?: FlushScheduler): ObjectStore {
  const store = new ObjectStore({
    dataDir: dir,
    historySize: 100,
    ...(flushIntervalMs !== undefined ? { flushIntervalMs } : {}),
    ...(flushScheduler ? { flushScheduler } : {}),
  });
  opened.push({ store, dir });
  return store;
}
test.after.each(async () => {
  for (const { store } of opened) await store.close();
  for (const { dir } of opened.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('a burst of commits is flushed once, after the interval; an idle store is not flushed', async () => {
  const clock = new ManualScheduler();
  const store = openStore(40, tempDir(), clock);
  clock.fire();
  assert.equal(clock.requested, [], 'nothing committed, no flush scheduled');
  for (let i = 0; i < 20; i++) addConfigMap(store, `c${i}`);
  assert.is(store.flushes, 0, 'the commit itself does not wait for the disk');
  assert.equal(clock.requested, [40], 'one flush scheduled for the 20 commits, at the interval');
  clock.fire();
  while (store.flushes === 0) await new Promise((r) => setImmediate(r)); // the fdatasync on the thread pool
  assert.is(store.flushes, 1, 'one flush covers the 20 commits');
  clock.fire();
  assert.equal(clock.requested, [40], 'and none follows while idle');
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
