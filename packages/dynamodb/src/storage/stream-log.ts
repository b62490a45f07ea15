// The stream record log: the bytes of DynamoDB Streams records, appended to segment files beside LMDB's data file
// (`stream-records/<segment>.log` in the store's directory), while LMDB holds where each stream's records are (its
// index, storage/stream-records.ts). The committed head is not stored: it is where the newest index entry ends.
// Why not one LMDB value per record: a record is another B-tree insert, page split and dirty page per item change,
// and on a 2-core machine that doubled what BatchWriteItem spends in LMDB (docs/performance.md, "Streams"). An append
// is one positional write per group commit, whatever the number of records.
// Crash safety: the bytes of a group are written (pwrite at the head) inside the group's LMDB transaction, before it
// commits, and their index entries commit in that transaction. So the LMDB commit is the records' commit point: a
// kill before it leaves bytes past the newest index entry, which the next open truncates; after it, both are there. With
// sync 'always' the bytes are fdatasync'ed before LMDB's own fsync; with 'background' they are fdatasync'ed at most
// flushIntervalMs later, as LMDB's pages are.
import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { SyncMode } from './store.js';

/** Where the committed log ends: the segment being appended to and its length in bytes. */
export interface LogHead {
  segment: number;
  end: number;
}

/** Where a run of bytes is. */
export interface LogSpan {
  segment: number;
  offset: number;
  length: number;
}

/** A segment is closed and a new one started past this size, so retention can delete whole files. */
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
/** Reads fetch at least this much, so the small chunks of lone writes are read a few hundred at a time. */
const READ_AHEAD_BYTES = 256 * 1024;
const DIR = 'stream-records';

const fileName = (segment: number) => `${String(segment).padStart(10, '0')}.log`;
const logDir = (dataDir: string) => join(dataDir, DIR);
const segmentPath = (dir: string, segment: number) => join(dir, fileName(segment));

/** A segment's length on disk (0: no such file), before a StreamLog is opened over the directory. */
export function segmentLength(dataDir: string, segment: number): number {
  try {
    return statSync(segmentPath(logDir(dataDir), segment)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

export class StreamLog {
  readonly #dir: string;
  readonly #fds = new Map<number, number>();
  #head: LogHead;
  #syncTimer: NodeJS.Timeout | undefined;
  #scratch = Buffer.allocUnsafe(READ_AHEAD_BYTES);
  /** Reads so far: a ReadCache is valid while no other read reused the scratch buffer. */
  #reads = 0;
  #syncing: Promise<void> = Promise.resolve();

  /** Opens the log at its committed head: bytes past it (a write whose transaction never committed) and later
   *  segments are dropped. */
  constructor(
    dataDir: string,
    head: LogHead | undefined,
    private readonly sync: SyncMode,
    private readonly flushIntervalMs: number,
    private readonly segmentBytes = DEFAULT_SEGMENT_BYTES,
  ) {
    this.#dir = logDir(dataDir);
    mkdirSync(this.#dir, { recursive: true });
    this.#head = head ?? { segment: 1, end: 0 };
    for (const segment of this.segments()) {
      if (segment > this.#head.segment) rmSync(this.#path(segment), { force: true });
    }
    const fd = this.#fd(this.#head.segment);
    if (fstatSync(fd).size > this.#head.end) ftruncateSync(fd, this.#head.end);
  }

  get head(): LogHead {
    return this.#head;
  }

  /** Segment numbers on disk, oldest first. */
  segments(): number[] {
    return readdirSync(this.#dir)
      .filter((name) => /^\d{10}\.log$/.test(name))
      .map((name) => Number(name.slice(0, 10)))
      .sort((a, b) => a - b);
  }

  /** Writes `bytes` at the head (call inside the LMDB transaction that commits the returned head). Returns where
   *  they went and the head after them; the head only moves once advance() is told the transaction committed. */
  write(bytes: Buffer): { span: LogSpan; head: LogHead } {
    let { segment, end } = this.#head;
    if (end > 0 && end + bytes.length > this.segmentBytes) {
      // The finished segment's tail reaches the disk with this commit, as the new segment's bytes will.
      if (this.sync !== 'never') fdatasyncSync(this.#fd(segment));
      segment++;
      end = 0;
      this.#openFresh(segment);
    }
    const fd = this.#fd(segment);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, end + written);
    if (this.sync === 'always') fdatasyncSync(fd);
    return { span: { segment, offset: end, length: bytes.length }, head: { segment, end: end + bytes.length } };
  }

  /** The transaction that wrote up to `head` committed. */
  advance(head: LogHead): void {
    this.#head = head;
    if (this.sync === 'background') this.#syncSoon();
  }

  /** Reads a span (committed: the index only names committed bytes). The bytes are valid until the next read: decode
   *  them first. `cache` lets one reader's consecutive spans come from one read-ahead. */
  read(span: LogSpan, cache: ReadCache): Buffer {
    const { segment, offset, length } = span;
    if (cache.generation === this.#reads && cache.segment === segment && offset >= cache.offset) {
      if (offset + length <= cache.end)
        return this.#scratch.subarray(offset - cache.offset, offset - cache.offset + length);
    }
    // One buffer for every read: a fresh 256 KB per GetRecords is memory the kernel faults in page by page.
    const size = Math.max(length, READ_AHEAD_BYTES);
    if (this.#scratch.length < size) this.#scratch = Buffer.allocUnsafe(size);
    const got = readSync(this.#fd(segment), this.#scratch, 0, size, offset);
    // A span past the file's end: the bytes were lost with the machine (sync 'background'), not by a crash.
    if (got < length) throw new Error(`stream record log ${fileName(segment)} is shorter than its index says`);
    cache.generation = ++this.#reads;
    cache.segment = segment;
    cache.offset = offset;
    cache.end = offset + got;
    return this.#scratch.subarray(0, length);
  }

  /** Deletes segments older than `oldestNeeded` (never the one being appended to). */
  dropSegmentsBefore(oldestNeeded: number): void {
    for (const segment of this.segments()) {
      if (segment >= oldestNeeded || segment >= this.#head.segment) break;
      const fd = this.#fds.get(segment);
      if (fd !== undefined) closeSync(fd);
      this.#fds.delete(segment);
      rmSync(this.#path(segment), { force: true });
    }
  }

  /** Resolves once every committed byte is on disk. */
  flush(): Promise<void> {
    if (this.#syncTimer) clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    const fd = this.#fds.get(this.#head.segment);
    if (fd === undefined || this.sync === 'never') return this.#syncing;
    this.#syncing = this.#syncing.then(
      () =>
        new Promise<void>((resolve) =>
          fdatasync(fd, (error) => {
            if (error)
              process.emitWarning(`stream record log flush failed: ${error.message}`, { code: 'ACK_LOCAL_FLUSH' });
            resolve();
          }),
        ),
    );
    return this.#syncing;
  }

  close(): void {
    if (this.#syncTimer) clearTimeout(this.#syncTimer);
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#fds.clear();
  }

  #syncSoon() {
    if (this.#syncTimer) return;
    this.#syncTimer = setTimeout(() => void this.flush(), this.flushIntervalMs);
    this.#syncTimer.unref();
  }

  #path(segment: number) {
    return segmentPath(this.#dir, segment);
  }

  #fd(segment: number): number {
    let fd = this.#fds.get(segment);
    if (fd === undefined) {
      // 'a+' would force every write to the end; 'r+' needs the file: create it empty first.
      closeSync(openSync(this.#path(segment), 'a'));
      this.#fds.set(segment, (fd = openSync(this.#path(segment), 'r+')));
    }
    return fd;
  }

  /** A new segment starts empty even if an uncommitted attempt left a file of that number. */
  #openFresh(segment: number) {
    const old = this.#fds.get(segment);
    if (old !== undefined) closeSync(old);
    this.#fds.set(segment, openSync(this.#path(segment), 'w+'));
  }
}

/** Where one reader's (a GetRecords call's) last read-ahead is: consecutive chunks come from one read. */
export class ReadCache {
  generation = -1;
  segment = -1;
  offset = 0;
  end = 0;
}
