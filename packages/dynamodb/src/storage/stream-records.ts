// DynamoDB Streams' stream metadata and records. The metadata and the records' index live in the `streams`
// sub-database of the items' LMDB environment; the records' bytes in the stream record log beside it
// (storage/stream-log.ts), appended once per group commit and committed by the same LMDB transaction as the item
// changes they describe (streams/).
// Layout of `streams` (binary keys):
//   0x00 | utf8(stream ARN)                                   → StreamMeta (msgpack)
//   0x01 | u32 tableId | u48 stream created-at ms | u48 seq   → 13 ASCII digits (record time) | record JSON: a record
//        as data dirs before the log stored it; moved into the log when the data dir opens (moveLegacyRecords)
//   0x02 | u32 tableId | u48 stream created-at ms | u48 last seq → "segment offset length firstSeq oldest newest":
//        one chunk, a stream's records from one group commit (times in epoch ms)
// A chunk is one line per record, in sequence order: `seq time event size keys newImage oldImage`, tab-separated
// (JSON text never holds a raw tab or newline; see StoredRecord).
// A stream is named by its table's storage id (never reused) and its creation time (the label's millisecond), so a
// record needs no lookup on the write path. Sequence numbers grow across the whole data dir (streams/).
import type { Database } from 'lmdb';
import type { KeySchemaElement } from '../model/index.js';
import type { CommitParticipant } from './group-commit.js';
import { ReadCache, StreamLog, type LogHead, type LogSpan } from './stream-log.js';
import type { Store } from './store.js';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export interface ShardMeta {
  ShardId: string;
  ParentShardId?: string;
  /** First sequence number the shard can hold. */
  start: number;
  /** Last one, once the shard is closed. */
  end?: number;
  /** Epoch ms the shard opened (roll-over interval) and closed (retention). */
  openedAt: number;
  closedAt?: number;
}

export interface StreamMeta {
  arn: string;
  label: string;
  namespace: string;
  tableName: string;
  /** Storage id of the table (records' key prefix, with createdAt). */
  tableId: number;
  keySchema: KeySchemaElement[];
  viewType: StreamViewType;
  /** Epoch ms of the label. */
  createdAt: number;
  /** Epoch ms the stream was disabled (or its table deleted); absent while enabled. */
  disabledAt?: number;
  /** Oldest first; the last is the open one while the stream is enabled. */
  shards: ShardMeta[];
  /** Shards ever opened (the next shard id's suffix). */
  shardCount: number;
  /** Records with a sequence number up to this one were trimmed (24-hour retention). 0: none. */
  trimmedThrough: number;
}

/** A record as stored (streams/record-json.ts renders it as GetRecords JSON). */
export interface StoredRecord {
  seq: number;
  /** Epoch ms. */
  time: number;
  /** I, M, R: INSERT, MODIFY, REMOVE; T: a REMOVE by TTL; J: stored whole as `json` (data dirs before the log). */
  event: string;
  /** SizeBytes. */
  size: number;
  /** JSON of the keys, and of the images the view type keeps ('' when none). */
  keys: string;
  newImage: string;
  oldImage: string;
  json?: string;
}

const META = 0x00;
const LEGACY_RECORD = 0x01;
const CHUNK = 0x02;
const TIME_DIGITS = 13;
/** "seq time event size ": numbers of at most 16 digits, a letter and four tabs. */
const LINE_HEAD_BYTES = 60;
/** A UTF-16 unit takes at most 3 bytes in UTF-8. */
const MAX_UTF8_PER_UNIT = 3;
const NEWLINE = 0x0a;
const TAB = 0x09;
const INITIAL_BUFFER_BYTES = 1024 * 1024;
/** The event of a record stored whole (moved from data dirs before the log). */
const LEGACY_EVENT = 'J';
/** Legacy records moved into the log per transaction. */
const MOVE_BATCH = 1000;

export interface StreamStorage {
  stream(arn: string): StreamMeta | undefined;
  /** Every stream, in ARN order. */
  streams(): StreamMeta[];
  /** Inside a write transaction, or on its own (a synchronous commit). */
  putStream(meta: StreamMeta): void;
  removeStream(arn: string): void;
  /** Adds one record to the group commit under way (call inside the item change's work in store.writes): it is
   *  written to the log and indexed when the group commits, and dropped if that request's work throws. */
  putRecord(tableId: number, createdAt: number, record: StoredRecord): void;
  /** Records of a stream with from <= seq <= to, in order, at most `limit`. */
  records(tableId: number, createdAt: number, from: number, to: number, limit: number): Generator<StoredRecord>;
  /** The highest sequence number stored for a stream (0: none). */
  lastSeq(tableId: number, createdAt: number): number;
  /** Drops the chunks of a stream whose records are all older than `before` (at most `limit` chunks; call inside a
   *  write transaction). `through`: the last sequence number older than `before` (0: none); `more`: call again. */
  trim(tableId: number, createdAt: number, before: number, limit: number): { through: number; more: boolean };
  /** Removes every record of a stream, in bounded batches (inside write transactions). True when none remain. */
  dropRecords(tableId: number, createdAt: number, limit: number): boolean;
  /** Deletes the log segments no stream's records are in any more (after trims and drops have committed). */
  dropUnusedSegments(): void;
}

const MAX_U48 = 2 ** 48 - 1;

function streamPrefix(kind: number, tableId: number, createdAt: number, extra = 0): Buffer {
  const key = Buffer.allocUnsafe(11 + extra);
  key[0] = kind;
  key.writeUInt32BE(tableId, 1);
  key.writeUIntBE(createdAt, 5, 6);
  return key;
}

function chunkKey(tableId: number, createdAt: number, seq: number): Buffer {
  const key = streamPrefix(CHUNK, tableId, createdAt, 6);
  key.writeUIntBE(Math.min(seq, MAX_U48), 11, 6);
  return key;
}

const metaKey = (arn: string) => Buffer.concat([Buffer.from([META]), Buffer.from(arn, 'utf8')]);
const seqOf = (key: Buffer) => key.readUIntBE(11, 6);

interface Chunk extends LogSpan {
  first: number;
  oldest: number;
  newest: number;
}

const chunkText = (span: LogSpan, first: number, oldest: number, newest: number) =>
  `${span.segment} ${span.offset} ${span.length} ${first} ${oldest} ${newest}`;

function parseChunk(text: string): Chunk {
  const [segment, offset, length, first, oldest, newest] = text.split(' ').map(Number) as number[];
  return { segment: segment!, offset: offset!, length: length!, first: first!, oldest: oldest!, newest: newest! };
}

/** The records of a chunk's text, in order. */
function* chunkRecords(text: string): Generator<StoredRecord> {
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const fields = text.slice(at, end).split('\t');
    at = end + 1;
    const [seq, time, event, size, keys, newImage, oldImage] = fields as [string, ...string[]];
    const record: StoredRecord = {
      seq: Number(seq),
      time: Number(time),
      event: event!,
      size: Number(size),
      keys: keys!,
      newImage: newImage!,
      oldImage: oldImage!,
    };
    if (event === LEGACY_EVENT) record.json = keys;
    yield record;
  }
}

/** A record's line (LINE_HEAD_BYTES covers what precedes the keys). */
const lineHead = (r: StoredRecord) => `${r.seq}\t${r.time}\t${r.event}\t${r.size}\t`;

interface PendingRecord {
  tableId: number;
  createdAt: number;
  record: StoredRecord;
}

const handles = new WeakMap<Store, StreamStorage>();

/** The streams storage of a store (opened once per store: each engine has its own). */
export function streamStorage(store: Store): StreamStorage {
  let storage = handles.get(store);
  if (!storage) handles.set(store, (storage = openStreamStorage(store)));
  return storage;
}

function openStreamStorage(store: Store): StreamStorage {
  const metas = store.env.openDB<StreamMeta, Buffer>({ name: 'streams', keyEncoding: 'binary' }) as Database<
    StreamMeta,
    Buffer
  >;
  const texts = store.env.openDB<string, Buffer>({
    name: 'streams',
    keyEncoding: 'binary',
    encoding: 'string',
  }) as Database<string, Buffer>;
  const writeNow = (work: () => void) => {
    store.env.transactionSync(work);
    store.committed();
  };
  const log = new StreamLog(store.path, committedHead(texts), store.sync, store.flushIntervalMs);
  const group = new RecordGroup(log, texts);
  store.writes.join(group);
  moveLegacyRecords(store, texts, group);
  const chunks = (tableId: number, createdAt: number, from: number, extra: { limit?: number } = {}) =>
    texts.getRange({
      start: chunkKey(tableId, createdAt, from),
      end: streamPrefix(CHUNK, tableId, createdAt + 1),
      ...extra,
    });
  const readChunk = (chunk: Chunk, cache = new ReadCache()) => log.read(chunk, cache).toString('utf8');
  return {
    stream: (arn) => metas.get(metaKey(arn)),
    streams() {
      const out: StreamMeta[] = [];
      for (const { value } of metas.getRange({ start: Buffer.from([META]), end: Buffer.from([LEGACY_RECORD]) })) {
        out.push(value);
      }
      return out;
    },
    putStream: (meta) => writeNow(() => void metas.put(metaKey(meta.arn), meta)),
    removeStream: (arn) => writeNow(() => void metas.remove(metaKey(arn))),
    putRecord(tableId, createdAt, record) {
      group.pending.push({ tableId, createdAt, record });
    },
    *records(tableId, createdAt, from, to, limit) {
      const cache = new ReadCache();
      let count = 0;
      for (const { value } of chunks(tableId, createdAt, from)) {
        const chunk = parseChunk(value);
        if (chunk.first > to) return;
        for (const record of chunkRecords(readChunk(chunk, cache))) {
          if (record.seq < from) continue;
          if (record.seq > to) return;
          yield record;
          if (++count >= limit) return;
        }
      }
    },
    lastSeq(tableId, createdAt) {
      const range = {
        start: streamPrefix(CHUNK, tableId, createdAt + 1),
        end: streamPrefix(CHUNK, tableId, createdAt),
        reverse: true,
        limit: 1,
      };
      for (const key of texts.getKeys(range)) return seqOf(key);
      return 0;
    },
    trim(tableId, createdAt, before, limit) {
      let through = 0;
      let removed = 0;
      for (const { key, value } of chunks(tableId, createdAt, 0, { limit })) {
        const chunk = parseChunk(value);
        if (chunk.newest < before) {
          void texts.remove(key);
          through = seqOf(key);
          removed++;
          continue;
        }
        // The chunk straddles the horizon: its older records are trimmed by number (readers start past them).
        if (chunk.oldest < before) {
          for (const record of chunkRecords(readChunk(chunk))) {
            if (record.time >= before) break;
            through = record.seq;
          }
        }
        return { through, more: false };
      }
      return { through, more: removed === limit };
    },
    dropRecords(tableId, createdAt, limit) {
      let removed = 0;
      for (const key of texts.getKeys({
        start: streamPrefix(CHUNK, tableId, createdAt),
        end: streamPrefix(CHUNK, tableId, createdAt + 1),
        limit,
      })) {
        void texts.remove(key);
        removed++;
      }
      return removed < limit;
    },
    dropUnusedSegments() {
      let oldest = log.head.segment;
      for (const { value } of firstChunks(texts)) oldest = Math.min(oldest, parseChunk(value).segment);
      log.dropSegmentsBefore(oldest);
    },
  };
}

/** The oldest chunk of every stream, skipping from one stream's keys to the next. */
function* firstChunks(texts: Database<string, Buffer>): Generator<{ key: Buffer; value: string }> {
  let start: Buffer = Buffer.from([CHUNK]);
  for (;;) {
    const [first] = texts.getRange({ start, end: Buffer.from([CHUNK + 1]), limit: 1 });
    if (!first) return;
    yield first;
    start = streamPrefix(CHUNK, first.key.readUInt32BE(1), first.key.readUIntBE(5, 6) + 1);
  }
}

/** The newest chunk of every stream. */
function* lastChunks(texts: Database<string, Buffer>): Generator<{ key: Buffer; value: string }> {
  let start: Buffer = Buffer.from([CHUNK + 1]);
  for (;;) {
    const [last] = texts.getRange({ start, end: Buffer.from([CHUNK]), reverse: true, limit: 1 });
    if (!last) return;
    yield last;
    start = streamPrefix(CHUNK, last.key.readUInt32BE(1), last.key.readUIntBE(5, 6));
  }
}

/** Where the committed log ends: past the newest chunk any stream's index names (undefined: none does, and no byte
 *  of the log is needed). Found from each stream's last chunk, so commits write no head of their own. */
function committedHead(texts: Database<string, Buffer>): LogHead | undefined {
  let head: LogHead | undefined;
  for (const { value } of lastChunks(texts)) {
    const { segment, offset, length } = parseChunk(value);
    const end = offset + length;
    if (!head || segment > head.segment || (segment === head.segment && end > head.end)) head = { segment, end };
  }
  return head;
}

/** The records of the group commit under way: written to the log as one write, one chunk per stream, when the
 *  group's transaction is about to commit (storage/group-commit.ts). */
class RecordGroup implements CommitParticipant {
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
    const byStream = new Map<string, PendingRecord[]>();
    for (const record of this.pending) {
      const id = `${record.tableId}/${record.createdAt}`;
      const list = byStream.get(id);
      if (list) list.push(record);
      else byStream.set(id, [record]);
    }
    // Straight into one reused buffer: no group-sized string (a large-object allocation per commit) and no copy.
    const ends: number[] = [];
    let at = 0;
    for (const records of byStream.values()) {
      for (const { record } of records) {
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
      }
      ends.push(at);
    }
    const { span, head } = this.log.write(this.#bytes.subarray(0, at));
    let start = 0;
    let i = 0;
    for (const records of byStream.values()) {
      const { tableId, createdAt } = records[0]!;
      const chunkSpan = { segment: span.segment, offset: span.offset + start, length: ends[i]! - start };
      let oldest = Infinity;
      let newest = -Infinity;
      for (const { record } of records) {
        oldest = Math.min(oldest, record.time);
        newest = Math.max(newest, record.time);
      }
      const first = records[0]!.record.seq;
      const last = records[records.length - 1]!.record.seq;
      void this.texts.put(chunkKey(tableId, createdAt, last), chunkText(chunkSpan, first, oldest, newest));
      start = ends[i++]!;
    }
    this.#head = head;
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
function moveLegacyRecords(store: Store, texts: Database<string, Buffer>, group: RecordGroup): void {
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

/** The highest sequence number any stream of the store uses (records, trimmed ranges, shard bounds). */
export function highestSequenceNumber(storage: StreamStorage): number {
  let highest = 0;
  for (const meta of storage.streams()) {
    highest = Math.max(highest, meta.trimmedThrough, storage.lastSeq(meta.tableId, meta.createdAt));
    for (const shard of meta.shards) highest = Math.max(highest, shard.start - 1, shard.end ?? 0);
  }
  return highest;
}
