// BackgroundFlush against a real lmdb-js environment: commits are coalesced into one fdatasync per interval,
// flushes run in order, and a failed flush warns without failing anyone (the next one retries). Time is a
// ManualScheduler the tests advance themselves: nothing sleeps, nothing depends on the machine's speed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { once } from 'node:events';
import { BackgroundFlush, timerScheduler, type FlushScheduler } from '../src/index.js';

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

/** A clock that only moves when the test says so: `fire()` runs the tasks due so far, as the timer would. */
class ManualScheduler implements FlushScheduler {
  readonly requested: number[] = [];
  #tasks: { task: () => void; cancelled: boolean }[] = [];

  after(delayMs: number, task: () => void) {
    this.requested.push(delayMs);
    const entry = { task, cancelled: false };
    this.#tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Tasks scheduled and neither run nor cancelled. */
  get pending(): number {
    return this.#tasks.filter((t) => !t.cancelled).length;
  }

  fire(): void {
    const due = this.#tasks.filter((t) => !t.cancelled);
    this.#tasks = [];
    for (const t of due) t.task();
  }
}

/** The flush the scheduler fired, awaited through now()'s queue (now() on an idle queue would add a flush). */
async function settled(flush: BackgroundFlush, expected: number): Promise<void> {
  while (flush.completed < expected) await new Promise((r) => setImmediate(r));
}

test('soon(): the commits of one interval share one flush, and an idle store flushes nothing', async () => {
  const { env, calls } = countingEnv();
  const clock = new ManualScheduler();
  const flush = new BackgroundFlush(env, 150, clock);
  for (let i = 0; i < 20; i++) {
    env.putSync(`k${i}`, i);
    flush.soon();
  }
  assert.is(calls.started, 0, 'a commit does not wait for the disk');
  assert.equal(clock.requested, [150], 'one timer for the 20 commits, at the interval');
  clock.fire();
  await settled(flush, 1);
  assert.is(calls.started, 1, 'one fdatasync for the 20 commits');
  assert.is(clock.pending, 0);
  clock.fire();
  assert.is(calls.started, 1, 'none follows without a commit');
  assert.equal(clock.requested, [150], 'and no timer was set');
  env.putSync('later', 1);
  flush.soon();
  assert.equal(clock.requested, [150, 150], 'a commit after the flush schedules the next one');
});

test('now(): flushes at once, cancels the pending timer, and flushes run one after the other', async () => {
  const { env, calls } = countingEnv();
  const clock = new ManualScheduler();
  const flush = new BackgroundFlush(env, 100, clock);
  env.putSync('a', 1);
  flush.soon();
  assert.is(clock.pending, 1);
  const flushes = [flush.now(), flush.now(), flush.now()];
  assert.is(clock.pending, 0, 'the timer set by soon() was cancelled by now()');
  await flushes[2];
  assert.equal(calls.finished, [1, 2, 3], 'in order');
  assert.is(calls.maxInFlight, 1, 'each started only after the previous one finished');
  await Promise.all(flushes);
  clock.fire();
  assert.is(calls.started, 3, 'nothing left to fire');
});

test('a failed flush warns with ACK_LOCAL_FLUSH, resolves, and the next flush still runs', async () => {
  const { env, calls } = countingEnv();
  const flush = new BackgroundFlush(env, 10, new ManualScheduler());
  calls.fail = true;
  const warned = once(process, 'warning') as Promise<[Error & { code?: string }]>;
  await flush.now();
  const [warning] = await warned;
  assert.is(warning.code, 'ACK_LOCAL_FLUSH');
  assert.match(warning.message, 'disk on fire');
  assert.is(flush.completed, 0, 'a failed flush is not counted as done');
  calls.fail = false;
  await flush.now();
  assert.is(flush.completed, 1);
});

test('the default scheduler really flushes, and its pending timer does not keep the process alive', async () => {
  const { env } = countingEnv();
  const flush = new BackgroundFlush(env, 1);
  env.putSync('x', 1);
  flush.soon();
  await settled(flush, 1);
  const activeTimers = () =>
    (process as unknown as { getActiveResourcesInfo(): string[] })
      .getActiveResourcesInfo()
      .filter((r) => r === 'Timeout').length;
  const before = activeTimers();
  const cancel = timerScheduler.after(60_000, () => assert.unreachable('cancelled'));
  assert.is(activeTimers(), before, "unref'd: not counted among the handles that keep node running");
  cancel();
});

test.run();
