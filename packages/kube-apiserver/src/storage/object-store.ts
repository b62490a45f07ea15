// LMDB persistence for the registry: objects keyed "<group>/<resource>/<namespace>/<name>", one global
// resourceVersion counter, and the watch history window, all written in one synchronous transaction per change
// so a crash never leaves an object without its event or a resourceVersion that goes backwards after restart.
import { open, type Database, type RootDatabase } from 'lmdb';
import { BackgroundFlush, type FlushScheduler } from '@ack-local/lmdb-flush';
import type { KubeObject } from '../api.js';
import { checkStoredSize } from './object-size.js';
import { fromStored, toStored } from './proto-keys.js';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One stored change: the object after it (for DELETED: its last state) and before it (for consistent pagination). */
export interface HistoryEntry {
  rv: number;
  type: ChangeType;
  key: string;
  object: KubeObject;
  previous?: KubeObject;
}

export const resourcePrefix = (group: string, resource: string): string => `${group}/${resource}/`;
export const namespacePrefix = (group: string, resource: string, namespace: string): string =>
  `${resourcePrefix(group, resource)}${namespace}/`;
export const objectKey = (group: string, resource: string, namespace: string | undefined, name: string): string =>
  `${namespacePrefix(group, resource, namespace ?? '')}${name}`;

/** Upper bound of every key starting with prefix (keys are names: no character sorts after U+FFFF in them). */
const rangeEnd = (prefix: string): string => `${prefix}\uffff`;

export interface ObjectStoreOptions {
  dataDir: string;
  /** How many changes to keep for watch resume. */
  historySize: number;
  /** At most this long after a commit, one fdatasync on the thread pool puts it on disk (default 100 ms). */
  flushIntervalMs?: number;
  /** When the background flush runs (tests step it by hand); default a real timer. */
  flushScheduler?: FlushScheduler;
}

export class ObjectStore {
  private readonly root: RootDatabase;
  private readonly objects: Database<KubeObject, string>;
  private readonly meta: Database<number, string>;
  private readonly history: Database<HistoryEntry, number>;
  private revision: number;
  /** Every RV <= floor is no longer covered by history: resuming from an RV below it is 410 Expired. */
  private floor: number;
  private readonly window: HistoryEntry[] = [];
  private readonly flusher: BackgroundFlush;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: ObjectStoreOptions) {
    // noSync: commits reach the OS page cache (safe across process crashes) without an fsync per write, which
    // would make every write cost milliseconds. An fdatasync in the background follows within flushIntervalMs
    // (@ack-local/lmdb-flush), so a machine crash can lose at most that window, as on the DynamoDB side.
    this.root = open({ path: options.dataDir, noSync: true });
    this.flusher = new BackgroundFlush(this.root, options.flushIntervalMs, options.flushScheduler);
    this.objects = this.root.openDB<KubeObject, string>({ name: 'objects' });
    this.meta = this.root.openDB<number, string>({ name: 'meta' });
    this.history = this.root.openDB<HistoryEntry, number>({ name: 'history', keyEncoding: 'uint32' });
    this.revision = this.meta.get('resourceVersion') ?? 0;
    this.floor = this.meta.get('historyFloor') ?? 0;
    for (const { value } of this.history.getRange({ start: this.floor + 1 })) {
      const { object, previous, ...rest } = value;
      this.window.push({
        ...rest,
        object: fromStored(object),
        ...(previous ? { previous: fromStored(previous) } : {}),
      });
    }
  }

  /** The current global resourceVersion (what lists and bookmarks report). */
  currentRevision(): number {
    return this.revision;
  }

  /** The oldest RV a watch or continue token may resume from. */
  historyFloor(): number {
    return this.floor;
  }

  get(key: string): KubeObject | undefined {
    return fromStored(this.objects.get(key));
  }

  /** Objects whose key starts with prefix, in key order, starting strictly after `after` when given. */
  *range(prefix: string, after?: string): Iterable<{ key: string; object: KubeObject }> {
    // (no NUL-suffixed start key: lmdb's ordered-binary encoding treats NUL as an array separator)
    const resume = after !== undefined && after >= prefix;
    for (const { key, value } of this.objects.getRange({ start: resume ? after : prefix, end: rangeEnd(prefix) })) {
      if (resume && key <= after) continue;
      yield { key, object: fromStored(value) };
    }
  }

  /** History entries with rv > since, oldest first. */
  historySince(since: number): HistoryEntry[] {
    // the window is sorted by rv; a binary search keeps replay cheap for large windows
    let lo = 0;
    let hi = this.window.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.window[mid]!.rv <= since) lo = mid + 1;
      else hi = mid;
    }
    return this.window.slice(lo);
  }

  /**
   * Writes one change with the next resourceVersion: `build(rv)` returns the object to store (or the last state to
   * delete). Returns the history entry appended.
   */
  commit(
    type: ChangeType,
    key: string,
    previous: KubeObject | undefined,
    build: (rv: string) => KubeObject,
  ): HistoryEntry {
    const rv = this.revision + 1;
    const object = build(String(rv));
    if (type !== 'DELETED') checkStoredSize(object);
    const entry: HistoryEntry = { rv, type, key, object, ...(previous ? { previous } : {}) };
    const evicted =
      this.window.length + 1 > this.options.historySize ? this.window.length + 1 - this.options.historySize : 0;
    const newFloor = evicted > 0 ? this.window[evicted - 1]!.rv : this.floor;
    this.objects.transactionSync(() => {
      if (type === 'DELETED') this.objects.removeSync(key);
      else this.objects.putSync(key, toStored(object));
      this.meta.putSync('resourceVersion', rv);
      this.history.putSync(rv, {
        ...entry,
        object: toStored(object),
        ...(previous ? { previous: toStored(previous) } : {}),
      });
      for (let i = 0; i < evicted; i++) this.history.removeSync(this.window[i]!.rv);
      if (newFloor !== this.floor) this.meta.putSync('historyFloor', newFloor);
    });
    this.flusher.soon();
    this.revision = rv;
    if (evicted > 0) this.window.splice(0, evicted);
    this.floor = newFloor;
    this.window.push(entry);
    return entry;
  }

  /** Completed background flushes (tests). */
  get flushes(): number {
    return this.flusher.completed;
  }

  /** Resolves once every commit made so far is on disk. */
  flush(): Promise<void> {
    return this.flusher.now();
  }

  /** Flushes, then closes; idempotent (a flush must never reach a closed environment). */
  close(): Promise<void> {
    this.closing ??= this.flush().then(() => this.root.close());
    return this.closing;
  }
}
