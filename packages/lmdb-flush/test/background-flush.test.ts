// BackgroundFlush against a real lmdb-js environment: commits are coalesced into one fdatasync per interval,
// flushes run in order, and a failed flush warns without failing anyone (the next one retries).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { BackgroundFlush } from '../src/index.js';

type Sync = (callback: (error?: Error) => void) => void;
const dirs: string[] = [];
const envs: RootDatabase[] = [];
test.after(async () => {
  for (const env of envs) await env.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A noSync environment whose env.sync calls are recorded; `fail` makes the next ones report an error. */
function countingEnv() {
  const dir = mkdtempSync(join(tmpdir(), 'lmdb-flush-'));
  dirs.push(dir);
  const env = open({ path: dir, noSync: true });
  envs.push(env);
  const native = env as unknown as { sync: Sync };
  const real = native.sync.bind(native);
  const calls = { started: 0, finished: [] as number[], fail: false, inFlight: 0, maxInFlight: 0 };
  native.sync = (callback) => {
    const n = ++calls.started;
    if (calls.fail) {
      setImmediate(() => callback(new Error('disk on fire')));
      return;
    }
    calls.maxInFlight = Math.max(calls.maxInFlight, ++calls.inFlight);
    real((error) => {
      calls.inFlight--;
      calls.finished.push(n);
      callback(error);
    });
  };
  return { env, calls };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('soon(): the commits of one interval share one flush, and an idle store flushes nothing', async () => {
  const { env, calls } = countingEnv();
  const flush = new BackgroundFlush(env, 150);
  for (let i = 0; i < 20; i++) {
    env.putSync(`k${i}`, i);
    flush.soon();
  }
  assert.is(calls.started, 0, 'a commit does not wait for the disk');
  for (let waited = 0; flush.completed === 0 && waited < 5000; waited += 20) await sleep(20);
  assert.is(calls.started, 1, 'one fdatasync for the 20 commits');
  assert.is(flush.completed, 1);
  await sleep(400);
  assert.is(calls.started, 1, 'none follows without a commit');
});

test('now(): flushes at once, cancels the pending timer, and flushes run one after the other', async () => {
  const { env, calls } = countingEnv();
  const flush = new BackgroundFlush(env, 100);
  env.putSync('a', 1);
  flush.soon();
  const flushes = [flush.now(), flush.now(), flush.now()];
  await flushes[2];
  assert.equal(calls.finished, [1, 2, 3], 'in order');
  assert.is(calls.maxInFlight, 1, 'each started only after the previous one finished');
  await Promise.all(flushes);
  await sleep(250);
  assert.is(calls.started, 3, 'the timer set by soon() was cancelled by now()');
});

test('a failed flush warns with ACK_LOCAL_FLUSH, resolves, and the next flush still runs', async () => {
  const { env, calls } = countingEnv();
  const flush = new BackgroundFlush(env, 10);
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    calls.fail = true;
    await flush.now();
    await sleep(20); // warnings are emitted on the next tick
    assert.is(warnings.length, 1);
    assert.is((warnings[0] as Error & { code?: string }).code, 'ACK_LOCAL_FLUSH');
    assert.match(warnings[0]!.message, 'disk on fire');
    assert.is(flush.completed, 0, 'a failed flush is not counted as done');
    calls.fail = false;
    await flush.now();
    assert.is(flush.completed, 1);
  } finally {
    process.off('warning', onWarning);
  }
});

test.run();
