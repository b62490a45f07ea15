// Bytes queued for watchers that do not read fast enough, bounded per watch and over all watches. Both
// servers share one process: 400 idle watch connections receiving 40 changes of 200 KB once took it from
// 104 to 2,014 MB. The real apiserver never queues without bound either: a watcher whose buffer is full
// when the next event arrives is terminated (storage/cacher/cache_watcher.go: "Forcing ... watcher close due
// to unresponsiveness"); the stream just ends, and client-go's reflector starts a new watch from the last
// resourceVersion it saw. Here a watch is ended the same way once its own backlog passes MAX_PER_WATCH, or,
// when the backlogs together pass MAX_TOTAL, the watches furthest behind are ended until the total fits.

export const MAX_BUFFERED_PER_WATCH = 32 * 1024 * 1024;
export const MAX_BUFFERED_TOTAL = 128 * 1024 * 1024;

/** What the backlog needs of a watch response: Node's count of bytes not yet handed to the socket. */
export interface BufferedStream {
  readonly writableLength: number;
  once(event: 'drain', listener: () => void): unknown;
}

export interface WatchBacklogLimits {
  perWatch?: number;
  total?: number;
}

export class WatchBacklog {
  /** Streams with bytes still queued, their last known backlog and how to end them. */
  private readonly behind = new Map<BufferedStream, { bytes: number; end: () => void }>();
  /** Sum of the last known backlogs (exact after recount(); may lag behind bytes flushed since). */
  private known = 0;
  private readonly perWatch: number;
  private readonly total: number;

  constructor(limits: WatchBacklogLimits = {}) {
    this.perWatch = limits.perWatch ?? MAX_BUFFERED_PER_WATCH;
    this.total = limits.total ?? MAX_BUFFERED_TOTAL;
  }

  /** Call after each write to a watch stream; `end` stops that watch and frees what it queued. */
  afterWrite(stream: BufferedStream, end: () => void): void {
    const bytes = stream.writableLength;
    const entry = this.behind.get(stream);
    this.known += bytes - (entry?.bytes ?? 0);
    if (bytes === 0) {
      this.behind.delete(stream);
      return;
    }
    if (entry) entry.bytes = bytes;
    else {
      this.behind.set(stream, { bytes, end });
      stream.once('drain', () => this.forget(stream));
    }
    if (bytes > this.perWatch) this.endWatch(stream);
    else if (this.known > this.total) this.shed();
  }

  /** The stream is closed or caught up. */
  forget(stream: BufferedStream): void {
    const entry = this.behind.get(stream);
    if (!entry) return;
    this.known -= entry.bytes;
    this.behind.delete(stream);
  }

  /** Bytes queued for all watches, as last counted. */
  get bufferedBytes(): number {
    return this.known;
  }

  private endWatch(stream: BufferedStream): void {
    const entry = this.behind.get(stream);
    this.forget(stream);
    entry?.end();
  }

  /** Recounts the exact total, then ends the watches furthest behind until it fits. */
  private shed(): void {
    this.known = 0;
    for (const [stream, entry] of this.behind) {
      entry.bytes = stream.writableLength;
      this.known += entry.bytes;
    }
    const furthestFirst = [...this.behind.entries()].sort(([, a], [, b]) => b.bytes - a.bytes);
    for (const [stream] of furthestFirst) {
      if (this.known <= this.total) break;
      this.endWatch(stream);
    }
  }
}
