// The records of the group commit under way (a CommitParticipant of storage/group-commit.ts): collected as the
// requests' item changes run, then written to the stream record log in one write, one chunk per stream, with one
// index entry per chunk in the group's LMDB transaction. Also moves the records of data dirs from before the log.
import type { Database } from 'lmdb';
import type { CommitParticipant } from './group-commit.js';
import {
  chunkKey,
  chunkText,
  CHUNK,
  LEGACY_EVENT,
  LEGACY_RECORD,
  lineHead,
  LINE_HEAD_BYTES,
  NEWLINE,
  seqOf,
  TAB,
  TIME_DIGITS,
  type StoredRecord,
} from './stream-chunks.js';
import type { LogHead, StreamLog } from './stream-log.js';
import type { Store } from './store.js';

/** A UTF-16 unit takes at most 3 bytes in UTF-8. */
const MAX_UTF8_PER_UNIT = 3;
const INITIAL_BUFFER_BYTES = 1024 * 1024;
/** Legacy records moved into the log per transaction. */
const MOVE_BATCH = 1000;

interface PendingRecord {
  tableId: number;
  createdAt: number;
  record: StoredRecord;
}

interface StreamChunk {
  tableId: number;
  createdAt: number;
  records: StoredRecord[];
  /** Where its lines start and end in the group's bytes. */
  start: number;
  end: number;
}

/** Pending records as one chunk per stream, in sequence order (mostly one stream: compared with the last first). */
function byStream(pending: PendingRecord[]): StreamChunk[] {
  const chunks: StreamChunk[] = [];
  let chunk: StreamChunk | undefined;
  for (const { tableId, createdAt, record } of pending) {
    if (chunk?.tableId !== tableId || chunk.createdAt !== createdAt) {
      chunk = chunks.find((c) => c.tableId === tableId && c.createdAt === createdAt);
      if (!chunk) chunks.push((chunk = { tableId, createdAt, records: [], start: 0, end: 0 }));
    }
    chunk.records.push(record);
  }
  return chunks;
}

/** The records of the group commit under way: written to the log as one write, one chunk per stream, when the
 *  group's transaction is about to commit (storage/group-commit.ts). */
export class RecordGroup implements CommitParticipant {
  pending: PendingRecord[] = [];
  #head: LogHead | undefined;
  #bytes = Buffer.allocUnsafe(INITIAL_BUFFER_BYTES);

  constructor(
    private readonly log: StreamLog,
    private readonly texts: Database<string, Buffer>,
  ) {}

  mark = () => this.pending.length;
  rollback = (mark: number) => void (this.pending.length = mark);

  prepare(): void {
    if (this.pending.length === 0) return;
    // Straight into one reused buffer: no group-sized string (a large-object allocation per commit) and no copy.
    const chunks = byStream(this.pending);
    let at = 0;
    for (const chunk of chunks) {
      chunk.start = at;
      for (const record of chunk.records) at = this.#writeLine(record, at);
      chunk.end = at;
    }
    const { span, head } = this.log.write(this.#bytes.subarray(0, at));
    for (const { tableId, createdAt, records, start, end } of chunks) {
      let oldest = Infinity;
      let newest = -Infinity;
      for (const { time } of records) {
        oldest = Math.min(oldest, time);
        newest = Math.max(newest, time);
      }
      const chunkSpan = { segment: span.segment, offset: span.offset + start, length: end - start };
      const last = records[records.length - 1]!.seq;
      void this.texts.put(chunkKey(tableId, createdAt, last), chunkText(chunkSpan, records[0]!.seq, oldest, newest));
    }
    this.#head = head;
  }

  /** Writes a record's line at `at`; returns where it ends. */
  #writeLine(record: StoredRecord, at: number): number {
    const { keys, newImage, oldImage } = record;
    this.#reserve(at, LINE_HEAD_BYTES + (keys.length + newImage.length + oldImage.length) * MAX_UTF8_PER_UNIT);
    const bytes = this.#bytes;
    at += bytes.write(lineHead(record), at, 'latin1');
    at += bytes.write(keys, at);
    bytes[at++] = TAB;
    if (newImage !== '') at += bytes.write(newImage, at);
    bytes[at++] = TAB;
    if (oldImage !== '') at += bytes.write(oldImage, at);
    bytes[at++] = NEWLINE;
    return at;
  }

  /** Grows the buffer (keeping its first `used` bytes) so that `more` bytes fit after them. */
  #reserve(used: number, more: number) {
    if (used + more <= this.#bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.#bytes.length, used + more));
    this.#bytes.copy(bigger, 0, 0, used);
    this.#bytes = bigger;
  }

  settle(committed: boolean): void {
    if (committed && this.#head) this.log.advance(this.#head);
    this.#head = undefined;
    this.pending = [];
  }

  flush = () => this.log.flush();
  close = () => this.log.close();
}

/** Data dirs written before the log kept each record as an LMDB value (0x01 keys): move them into the log, in
 *  bounded transactions that write their chunks and delete them together (a crash in between redoes a batch). */
export function moveLegacyRecords(store: Store, texts: Database<string, Buffer>, group: RecordGroup): void {
  const range = { start: Buffer.from([LEGACY_RECORD]), end: Buffer.from([CHUNK]), limit: MOVE_BATCH };
  for (;;) {
    const batch = [...texts.getRange(range)];
    if (batch.length === 0) return;
    try {
      store.env.transactionSync(() => {
        for (const { key, value } of batch) {
          const json = value.slice(TIME_DIGITS);
          group.pending.push({
            tableId: key.readUInt32BE(1),
            createdAt: key.readUIntBE(5, 6),
            record: {
              seq: seqOf(key),
              time: Number(value.slice(0, TIME_DIGITS)),
              event: LEGACY_EVENT,
              size: 0,
              keys: json,
              newImage: '',
              oldImage: '',
              json,
            },
          });
          void texts.remove(key);
        }
        group.prepare();
      });
    } catch (error) {
      group.settle(false);
      throw error;
    }
    group.settle(true);
    store.committed();
  }
}
