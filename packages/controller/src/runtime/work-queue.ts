// A controller-runtime style work queue: keys, not events, are queued; a key is processed by at most one worker at
// a time (per-object serialisation); a key enqueued while it is being processed runs again afterwards; failures back
// off exponentially per key (5ms doubling to 1000s, controller-runtime's default limiter); requeue-after timers
// coalesce to the earliest due time.

export type ProcessResult = { requeueAfterMs?: number } | void;

export interface WorkQueueOptions {
  workers?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called when the handler throws; the key is then retried with backoff. */
  onError?: (key: string, error: unknown) => void;
}

export class WorkQueue {
  private readonly ready: string[] = [];
  private readonly readySet = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly timers = new Map<string, { dueAt: number; timer: NodeJS.Timeout }>();
  private readonly failures = new Map<string, number>();
  private readonly idleWaiters: (() => void)[] = [];
  private active = 0;
  private stopped = false;

  constructor(
    private readonly handler: (key: string) => Promise<ProcessResult>,
    private readonly options: WorkQueueOptions = {},
  ) {}

  /** Queue `key` now, or after `delayMs` (the earliest pending time wins). */
  add(key: string, delayMs = 0): void {
    if (this.stopped) return;
    if (delayMs <= 0) {
      this.clearTimer(key);
      this.makeReady(key);
      return;
    }
    const dueAt = Date.now() + delayMs;
    const pending = this.timers.get(key);
    if (this.readySet.has(key) || (pending && pending.dueAt <= dueAt)) return;
    this.clearTimer(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.makeReady(key);
    }, delayMs);
    timer.unref?.();
    this.timers.set(key, { dueAt, timer });
  }

  /** Queue `key` after its backoff delay, which doubles with every consecutive failure. */
  addRateLimited(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const delay = Math.min((this.options.baseDelayMs ?? 5) * 2 ** failures, this.options.maxDelayMs ?? 1_000_000);
    this.add(key, delay);
    return delay;
  }

  /** Forget a key's failure history (after a successful reconcile). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  get length(): number {
    return this.ready.length;
  }

  /** Resolves when nothing is ready or running (timers may still be pending). For tests. */
  whenIdle(): Promise<void> {
    if (this.active === 0 && this.ready.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking work, cancels timers and waits for running handlers to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.ready.length = 0;
    this.readySet.clear();
    await this.whenIdle();
  }

  private clearTimer(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending.timer);
    this.timers.delete(key);
  }

  private makeReady(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.readySet.has(key)) return;
    this.readySet.add(key);
    this.ready.push(key);
    this.pump();
  }

  private pump(): void {
    const workers = this.options.workers ?? 4;
    while (!this.stopped && this.active < workers && this.ready.length > 0) {
      const key = this.ready.shift()!;
      this.readySet.delete(key);
      this.processing.add(key);
      this.active++;
      void this.run(key);
    }
    if (this.active === 0 && this.ready.length === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async run(key: string): Promise<void> {
    try {
      const result = await this.handler(key);
      this.forget(key);
      if (result?.requeueAfterMs !== undefined) this.add(key, result.requeueAfterMs);
    } catch (error) {
      this.options.onError?.(key, error);
      this.addRateLimited(key);
    } finally {
      this.processing.delete(key);
      this.active--;
      if (this.dirty.delete(key)) this.makeReady(key);
      this.pump();
    }
  }
}
