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
}

export interface WatchBacklogLimits {
  perWatch?: number;
  total?: number;
}

export class WatchBacklog {
  /** Streams that had bytes queued after a write, and how to end them. */
  private readonly tracked = new Map<BufferedStream, () => void>();
  private checkPending = false;
  private counted = 0;
  private readonly perWatch: number;
  private readonly total: number;

  constructor(limits: WatchBacklogLimits = {}) {
    this.perWatch = limits.perWatch ?? MAX_BUFFERED_PER_WATCH;
    this.total = limits.total ?? MAX_BUFFERED_TOTAL;
  }

  /**
   * Call after each write to a watch stream; `end` stops that watch and frees what it queued. Every write is
   * queued for a moment (Node hands it to the socket on a later tick), so the bounds are checked once the
   * writes of this turn had their chance to leave: what is still queued then is what a slow reader costs.
   */
  afterWrite(stream: BufferedStream, end: () => void): void {
    if (stream.writableLength === 0) return;
    this.tracked.set(stream, end);
    if (this.checkPending) return;
    this.checkPending = true;
    setImmediate(() => this.check());
  }

  /** The stream is closed. */
  forget(stream: BufferedStream): void {
    this.tracked.delete(stream);
  }

  /** Bytes queued for all watches at the last check. */
  get bufferedBytes(): number {
    return this.counted;
  }

  /** Ends watches past their own bound, then the ones furthest behind until the total fits. */
  check(): void {
    this.checkPending = false;
    const behind: [BufferedStream, number][] = [];
    for (const stream of this.tracked.keys()) {
      const bytes = stream.writableLength;
      if (bytes === 0) this.tracked.delete(stream);
      else if (bytes > this.perWatch) this.endWatch(stream);
      else behind.push([stream, bytes]);
    }
    this.counted = behind.reduce((sum, [, bytes]) => sum + bytes, 0);
    for (const [stream, bytes] of behind.sort(([, a], [, b]) => b - a)) {
      if (this.counted <= this.total) break;
      this.endWatch(stream);
      this.counted -= bytes;
    }
  }

  private endWatch(stream: BufferedStream): void {
    const end = this.tracked.get(stream);
    this.tracked.delete(stream);
    end?.();
  }
}
