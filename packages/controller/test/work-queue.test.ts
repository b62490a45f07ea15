// The work queue: per-key serialisation, coalescing, requeue-after, exponential backoff.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WorkQueue } from '../src/runtime/work-queue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls until `done()` (no timing assertion: a loaded machine only makes it slower). */
async function until(done: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await sleep(5);
  }
}

test('one key is never processed by two workers at once; an add during processing runs once more afterwards', async () => {
  let running = 0,
    maxRunning = 0,
    runs = 0;
  const q = new WorkQueue(
    async () => {
      running++;
      runs++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(20);
      running--;
    },
    { workers: 4 },
  );
  q.add('a');
  await sleep(5);
  q.add('a');
  q.add('a');
  q.add('a');
  await until(() => runs === 2);
  await q.whenIdle();
  await sleep(50);
  assert.equal(maxRunning, 1);
  assert.equal(runs, 2, 'three adds during processing coalesce into one rerun');
  await q.stop();
});

test('different keys run in parallel up to the worker count', async () => {
  let running = 0,
    maxRunning = 0;
  const q = new WorkQueue(
    async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(20);
      running--;
    },
    { workers: 2 },
  );
  for (const k of ['a', 'b', 'c', 'd']) q.add(k);
  await sleep(100);
  assert.equal(maxRunning, 2);
  await q.stop();
});

test('requeueAfter schedules the key again; the earliest pending time wins', async () => {
  const seen: number[] = [];
  const start = Date.now();
  let first = true;
  const q = new WorkQueue(async () => {
    seen.push(Date.now() - start);
    if (first) {
      first = false;
      return { requeueAfterMs: 30 };
    }
    return undefined;
  });
  q.add('a');
  await until(() => seen.length === 2);
  assert.ok(seen[1]! >= 25, `requeued after ~30ms (${seen[1]})`);
  const order: string[] = [];
  const q2 = new WorkQueue(async (k) => {
    order.push(k);
  });
  q2.add('x', 200);
  q2.add('x', 10);
  await until(() => order.length === 1);
  await sleep(300);
  assert.equal(order, ['x'], 'and the later one does not fire too');
  await q.stop();
  await q2.stop();
});

test('failures back off exponentially and a success forgets them', async () => {
  let calls = 0;
  const errors: string[] = [];
  const q = new WorkQueue(
    async () => {
      calls++;
      if (calls <= 3) throw new Error(`fail ${calls}`);
    },
    { baseDelayMs: 10, onError: (_k, e) => errors.push((e as Error).message) },
  );
  q.add('a');
  await until(() => calls === 4);
  await q.whenIdle();
  assert.equal(errors, ['fail 1', 'fail 2', 'fail 3']);
  assert.equal(q.failuresOf('a'), 0);
  const delays: number[] = [];
  const q2 = new WorkQueue(async () => {}, { baseDelayMs: 5, maxDelayMs: 50 });
  for (let i = 0; i < 6; i++) delays.push(q2.addRateLimited('b'));
  assert.equal(delays, [5, 10, 20, 40, 50, 50]);
  await q.stop();
  await q2.stop();
});

test('stop cancels pending timers', async () => {
  let calls = 0;
  const q = new WorkQueue(async () => {
    calls++;
  });
  q.add('a', 30);
  await q.stop();
  await sleep(60);
  assert.equal(calls, 0);
});

test.run();
