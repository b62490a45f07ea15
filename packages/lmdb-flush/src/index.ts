// Background flush for an LMDB environment opened with noSync: the durability both stores of ack-local share (the
// DynamoDB items and the kube-apiserver's objects). A write is answered once LMDB has committed it: it is in the OS
// page cache, visible to every later read, and outlives a crash or SIGKILL of the server. One fdatasync on libuv's
// thread pool, at most `intervalMs` after a commit, then covers every commit since the previous flush, so a machine
// crash or power loss can lose at most that window. The event loop never waits for the disk, which is what lets a
// write cost what a read costs (packages/dynamodb/README.md, "Durability" and "Performance").
// A leaf package: both stores depend on it, and it knows neither.
import type { RootDatabase } from 'lmdb';
import { timerScheduler, type CancelTask, type FlushScheduler } from './scheduler.js';

export { timerScheduler, type CancelTask, type FlushScheduler } from './scheduler.js';

/** lmdb-js's env.sync(callback): mdb_env_sync on the thread pool. Missing from its typings. */
interface LmdbSync {
  sync(callback: (error?: Error) => void): void;
}

export class BackgroundFlush {
  /** Cancels the pending flush that soon() scheduled, if any. */
  #pending: CancelTask | undefined;
  /** The flush in progress, if any: flushes run one at a time, in order. */
  #last: Promise<void> = Promise.resolve();
  #completed = 0;

  constructor(
    private readonly env: RootDatabase,
    private readonly intervalMs = 100,
    private readonly scheduler: FlushScheduler = timerScheduler,
  ) {}

  /** Flushes that reached the disk (tests, diagnostics). */
  get completed(): number {
    return this.#completed;
  }

  /** A commit happened: make sure a flush follows within intervalMs. Cheap enough to call after every commit. */
  soon(): void {
    if (this.#pending) return;
    this.#pending = this.scheduler.after(this.intervalMs, () => void this.now());
  }

  /** Flushes every commit made so far; resolves once it is on disk (or the attempt failed with a warning). */
  now(): Promise<void> {
    this.#pending?.();
    this.#pending = undefined;
    this.#last = this.#last.then(() => this.#sync());
    return this.#last;
  }

  #sync(): Promise<void> {
    return new Promise((resolve) => {
      (this.env as unknown as LmdbSync).sync((error) => {
        // The writes stay committed (and readable); only their durability against a machine crash is in doubt.
        // Warn rather than fail later requests: the next flush retries.
        if (error) process.emitWarning(`LMDB background flush failed: ${error.message}`, { code: 'ACK_LOCAL_FLUSH' });
        else this.#completed++;
        resolve();
      });
    });
  }
}
