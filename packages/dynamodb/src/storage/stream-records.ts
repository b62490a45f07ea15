// DynamoDB Streams' stream metadata and records, as the rest of the engine sees them. The metadata and the records'
// index live in the `streams` sub-database of the items' LMDB environment (layout: storage/stream-chunks.ts); the
// records' bytes in the stream record log beside it (storage/stream-log.ts), appended once per group commit and
// committed by the same LMDB transaction as the item changes they describe (storage/stream-record-group.ts).
// Sequence numbers grow across the whole data dir (streams/).
import type { Database } from 'lmdb';
import type { KeySchemaElement } from '../model/index.js';
import {
  CHUNK,
  chunkKey,
  chunkRecords,
  LEGACY_RECORD,
  META,
  SEQUENCE_FLOOR_KEY,
  metaKey,
  parseChunk,
  seqOf,
  streamPrefix,
  type Chunk,
  type StoredRecord,
} from './stream-chunks.js';
import { moveLegacyRecords, RecordGroup } from './stream-record-group.js';
import { ReadCache, segmentLength, StreamLog, type LogHead } from './stream-log.js';
import type { Store } from './store.js';

export type { StoredRecord } from './stream-chunks.js';

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

export interface StreamStorage {
  stream(arn: string): StreamMeta | undefined;
  /** Every stream, in ARN order. */
  streams(): StreamMeta[];
  /** Inside a write transaction, or on its own (a synchronous commit). */
  putStream(meta: StreamMeta): void;
  /** Forgets a stream; `usedThrough` (the highest sequence number handed out so far) is kept, so numbers the
   *  stream had are not handed out again after a restart. */
  removeStream(arn: string, usedThrough: number): void;
  /** The highest `usedThrough` of forgotten streams (0: none). */
  sequenceFloor(): number;
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
  const floor = sequenceFloor(metas);
  const writeNow = (work: () => void) => {
    store.env.transactionSync(work);
    store.committed();
  };
  dropLostChunks(store, texts, floor);
  const log = new StreamLog(
    store.path,
    committedHead(texts),
    store.sync,
    store.flushIntervalMs,
    store.streamLogSegmentBytes,
  );
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
    removeStream: (arn, usedThrough) =>
      writeNow(() => {
        floor.raise(usedThrough);
        void metas.remove(metaKey(arn));
      }),
    sequenceFloor: () => floor.get(),
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

/** Above every chunk key (0x02 and 16 bytes) and below the keys that follow them (0x03: a reverse range includes
 *  its start). */
const AFTER_CHUNKS = Buffer.from([CHUNK, ...new Array<number>(17).fill(0xff)]);

/** The newest chunk of every stream. */
function* lastChunks(texts: Database<string, Buffer>): Generator<{ key: Buffer; value: string }> {
  let start: Buffer = AFTER_CHUNKS;
  for (;;) {
    const [last] = texts.getRange({ start, end: Buffer.from([CHUNK]), reverse: true, limit: 1 });
    if (!last) return;
    yield last;
    start = streamPrefix(CHUNK, last.key.readUInt32BE(1), last.key.readUIntBE(5, 6));
  }
}

/** The sequence numbers that stay used though no stream names them any more (key 0x03). */
interface SequenceFloor {
  get(): number;
  /** Inside a write transaction: numbers up to `through` stay used. */
  raise(through: number): void;
}

function sequenceFloor(metas: Database<StreamMeta, Buffer>): SequenceFloor {
  // A msgpack number beside the metadata: the same handle, another value type.
  const numbers = metas as unknown as Database<number, Buffer>;
  const get = () => numbers.get(SEQUENCE_FLOOR_KEY) ?? 0;
  return { get, raise: (through) => void numbers.put(SEQUENCE_FLOOR_KEY, Math.max(get(), through)) };
}

/** Drops the chunks whose bytes the log does not hold. A kill never leaves such a chunk (the bytes are written
 *  before the transaction that indexes them commits), but a machine crash with sync 'background' can: LMDB's pages
 *  and the log's reach the disk on their own schedules. Those records are lost with the machine; their chunks go,
 *  so that the stream reads on after them, and their numbers stay used. Only each stream's newest chunks are
 *  looked at: the log is written in order. */
function dropLostChunks(store: Store, texts: Database<string, Buffer>, floor: SequenceFloor): void {
  const lengths = new Map<number, number>();
  const logLength = (segment: number) => {
    let length = lengths.get(segment);
    if (length === undefined) lengths.set(segment, (length = segmentLength(store.path, segment)));
    return length;
  };
  const lost: Buffer[] = [];
  for (const { key: newest } of [...lastChunks(texts)]) {
    const start = Buffer.concat([newest, Buffer.from([0])]); // a reverse range includes its start: just above it
    const end = streamPrefix(CHUNK, newest.readUInt32BE(1), newest.readUIntBE(5, 6));
    for (const { key, value } of texts.getRange({ start, end, reverse: true })) {
      const { segment, offset, length } = parseChunk(value);
      if (offset + length <= logLength(segment)) break;
      lost.push(key);
    }
  }
  if (lost.length === 0) return;
  store.env.transactionSync(() => {
    floor.raise(Math.max(...lost.map(seqOf)));
    for (const key of lost) void texts.remove(key);
  });
  process.emitWarning(
    `stream record log: ${lost.length} chunk(s) of stream records were not on disk (a machine crash with sync ` +
      `'background'); their records are dropped`,
    { code: 'ACK_LOCAL_STREAM_RECORDS_LOST' },
  );
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

/** The highest sequence number any stream of the store uses (records, trimmed ranges, shard bounds) or a forgotten
 *  stream used. */
export function highestSequenceNumber(storage: StreamStorage): number {
  let highest = storage.sequenceFloor();
  for (const meta of storage.streams()) {
    highest = Math.max(highest, meta.trimmedThrough, storage.lastSeq(meta.tableId, meta.createdAt));
    for (const shard of meta.shards) highest = Math.max(highest, shard.start - 1, shard.end ?? 0);
  }
  return highest;
}
