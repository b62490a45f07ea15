// The write transaction of one request. lmdb-js's async transactions run on its writer thread and batch every
// transaction queued meanwhile into one commit (one fsync): best under concurrency and for durable commits, but a
// lone request pays the thread round trip (~1 ms). With noSync a commit costs microseconds, so a request that finds
// no other write in flight commits synchronously; as soon as writes overlap they batch again.
import type { DynamoDBEngine } from '../engine.js';

let inFlight = 0;

export function writeTransaction<T>(engine: DynamoDBEngine, fn: () => T): Promise<T> {
  if (engine.options.noSync && inFlight === 0) {
    try {
      return Promise.resolve(engine.store.env.transactionSync(fn));
    } catch (e) {
      return Promise.reject(e);
    }
  }
  inFlight++;
  return engine.store.env.transaction(fn).finally(() => { inFlight--; });
}
