// Busy polling after an answer: for a short while the event loop keeps polling its sockets (setImmediate turns,
// epoll with a zero timeout) instead of sleeping in epoll_wait. A client that sends its next request within that
// window finds the server awake: no wake-up of a sleeping thread, which on virtual machines costs more than a
// GetItem (package README, "Performance": GetItem at concurrency 1 went 2252 → 5239 ops/s on the 2-core VM).
// Sequential clients (test suites, the AWS CLI in a loop) are the ones that gain; under load the loop never
// sleeps anyway. The price is bounded: at most `windowUs` of CPU after each burst of answers, nothing when idle.
// Like SO_BUSY_POLL, but in user space, and off with a window of 0.

export interface BusyPoll {
  /** Answers were just sent: stay awake for another window. */
  extend(): void;
}

/** The clock and the event-loop turn, injected so tests can step them instead of sleeping. */
export interface BusyPollLoop {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Runs `turn` in the check phase of the next event-loop turn. */
  nextTurn(turn: () => void): void;
}

const eventLoop: BusyPollLoop = {
  now: () => performance.now(),
  nextTurn: (turn) => void setImmediate(turn),
};

export function busyPoll(windowUs: number, loop: BusyPollLoop = eventLoop): BusyPoll {
  if (!(windowUs > 0)) return { extend() {} };
  const windowMs = windowUs / 1000;
  let until = 0;
  let polling = false;
  // Each turn runs the poll phase without blocking, because an immediate is pending; timers and I/O run as usual.
  const poll = () => {
    if (loop.now() < until) loop.nextTurn(poll);
    else polling = false;
  };
  return {
    extend() {
      until = loop.now() + windowMs;
      if (!polling) {
        polling = true;
        loop.nextTurn(poll);
      }
    },
  };
}
