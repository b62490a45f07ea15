// Fan-out of committed changes to live watchers and in-process controllers. Delivery is synchronous, right
// after the LMDB commit, so a watcher that replayed history up to RV n and subscribed in the same tick never
// misses or duplicates an event.
import type { HistoryEntry } from '../storage/object-store.js';

export type ChangeListener = (entry: HistoryEntry) => void;

export class EventBus {
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(entry: HistoryEntry): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(entry);
      } catch {
        // one broken watcher (e.g. a closed socket) must not stop delivery to the others
      }
    }
  }
}
