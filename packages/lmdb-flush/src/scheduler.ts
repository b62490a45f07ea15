// When the background flush runs: a one-shot timer, injected so tests can fire it themselves instead of sleeping
// and counting (and so a test never depends on how busy the machine is).

/** Cancels a scheduled task that has not run yet. */
export type CancelTask = () => void;

export interface FlushScheduler {
  /** Runs `task` once, `delayMs` from now. A pending task must not keep the process alive. */
  after(delayMs: number, task: () => void): CancelTask;
}

/** The real clock: an unref'd setTimeout (the store's close() flushes whatever is still pending). */
export const timerScheduler: FlushScheduler = {
  after(delayMs, task) {
    const timer = setTimeout(task, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
