// server/busy-poll.ts with a stepped clock and event loop: the loop stays awake for exactly the window after the
// last answer, one polling chain at a time, and a window of 0 never polls. Nothing sleeps; no machine speed matters.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { busyPoll, type BusyPollLoop } from '../../src/server/busy-poll.js';

/** A loop whose time and turns only move when the test says so. */
class SteppedLoop implements BusyPollLoop {
  time = 0;
  #queued: (() => void)[] = [];

  now(): number {
    return this.time;
  }

  nextTurn(turn: () => void): void {
    this.#queued.push(turn);
  }

  /** Turns scheduled for the next event-loop turn (what keeps the real loop from sleeping). */
  get awake(): boolean {
    return this.#queued.length > 0;
  }

  get queued(): number {
    return this.#queued.length;
  }

  /** One event-loop turn, `elapsedMs` after the previous one. */
  turn(elapsedMs: number): void {
    this.time += elapsedMs;
    const due = this.#queued;
    this.#queued = [];
    for (const run of due) run();
  }
}

test('after an answer the loop stays awake for the window, then sleeps', () => {
  const loop = new SteppedLoop();
  const poll = busyPoll(500, loop); // 500 µs
  assert.not.ok(loop.awake, 'idle before any answer');
  poll.extend();
  assert.ok(loop.awake);
  loop.turn(0.2);
  assert.ok(loop.awake, '0.2 ms in: still polling');
  loop.turn(0.2);
  assert.ok(loop.awake, '0.4 ms in: still polling');
  loop.turn(0.2);
  assert.not.ok(loop.awake, '0.6 ms in: past the window, asleep');
  loop.turn(10);
  assert.not.ok(loop.awake, 'and stays asleep without answers');
});

test('a later answer extends the window from its own time, without a second polling chain', () => {
  const loop = new SteppedLoop();
  const poll = busyPoll(1000, loop); // 1 ms
  poll.extend();
  loop.turn(0.8);
  poll.extend(); // window now ends at 1.8 ms
  poll.extend();
  assert.is(loop.queued, 1, 'one chain, however many answers');
  loop.turn(0.8); // 1.6 ms: within the extended window
  assert.ok(loop.awake);
  loop.turn(0.3); // 1.9 ms
  assert.not.ok(loop.awake);
  poll.extend();
  assert.is(loop.queued, 1, 'an answer after sleeping starts a new chain');
});

test('a window of 0 (or less, or NaN) never polls', () => {
  for (const windowUs of [0, -5, Number.NaN]) {
    const loop = new SteppedLoop();
    busyPoll(windowUs, loop).extend();
    assert.not.ok(loop.awake, `window ${windowUs}`);
  }
});

test('the default loop is the real one: polling is a pending immediate', async () => {
  const immediates = () => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
  const before = immediates();
  busyPoll(1).extend(); // 1 µs: over after a turn or two
  assert.is(immediates(), before + 1, 'one immediate keeps the loop awake');
  while (immediates() > before) await new Promise((r) => setTimeout(r, 0));
  assert.is(immediates(), before, 'and it ends by itself');
});

test.run();
