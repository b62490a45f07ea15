// Fan-out of committed changes to live watchers and in-process controllers. Delivery is synchronous, right
// after the LMDB commit, so a watcher that replayed history up to RV n and subscribed in the same tick never
// misses an event. A listener that writes while being notified (an in-process controller reacting to an
// event) does not get its change delivered ahead of the one being delivered: changes published during a
// delivery are queued and delivered in resourceVersion order once the current one has reached everybody.
import type { HistoryEntry } from '../storage/object-store.js';

export type ChangeListener = (entry: HistoryEntry) => void;

export class EventBus {
  private readonly listeners = new Set<ChangeListener>();
  private readonly queue: HistoryEntry[] = [];
  private delivering = false;

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(entry: HistoryEntry): void {
    this.queue.push(entry);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.deliver(next);
    } finally {
      this.delivering = false;
    }
  }

  private deliver(entry: HistoryEntry): void {
    for (const listener of [...this.listeners]) {
      if (!this.listeners.has(listener)) continue;
      try {
        listener(entry);
      } catch {
        // one broken watcher (e.g. a closed socket) must not stop delivery to the others
      }
    }
  }
}
