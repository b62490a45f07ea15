// The `streams` sub-database: DynamoDB Streams' stream metadata and stream records, in the same LMDB environment
// as the items, so that a record is written in the very transaction that writes its item change (streams/).
// Layout (binary keys):
//   0x00 | utf8(stream ARN)                                   → StreamMeta (msgpack)
//   0x01 | u32 tableId | u48 stream created-at ms | u48 seq   → 13 ASCII digits (record time, epoch ms) | record JSON
// A stream is named by its table's storage id (never reused) and its creation time (the label's millisecond), so a
// record's key needs no lookup on the write path. Sequence numbers grow across the whole data dir (streams/).
import type { Database } from 'lmdb';
import type { KeySchemaElement } from '../model/index.js';
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

/** A record as stored: its time (epoch ms) and its GetRecords JSON. */
export interface StoredRecord {
  seq: number;
  time: number;
  json: string;
}

const META = 0x00;
const RECORD = 0x01;
const TIME_DIGITS = 13;

export interface StreamStorage {
  stream(arn: string): StreamMeta | undefined;
  /** Every stream, in ARN order. */
  streams(): StreamMeta[];
  /** Inside a write transaction, or on its own (a synchronous commit). */
  putStream(meta: StreamMeta): void;
  removeStream(arn: string): void;
  /** Writes one record; call inside the item change's write transaction. */
  putRecord(tableId: number, createdAt: number, seq: number, time: number, json: string): void;
  /** Records of a stream with from <= seq <= to, in order, at most `limit`. */
  records(tableId: number, createdAt: number, from: number, to: number, limit: number): Generator<StoredRecord>;
  /** The highest sequence number stored for a stream (0: none). */
  lastSeq(tableId: number, createdAt: number): number;
  /** Removes records of a stream with seq <= through and time < before, at most `limit`; returns the last
   *  removed sequence number (0: none). Call inside a write transaction. */
  trim(tableId: number, createdAt: number, before: number, limit: number): number;
  /** Removes every record of a stream, in bounded batches (inside write transactions). True when none remain. */
  dropRecords(tableId: number, createdAt: number, limit: number): boolean;
}

const MAX_U48 = 2 ** 48 - 1;

function streamPrefix(tableId: number, createdAt: number, extra = 0): Buffer {
  const key = Buffer.allocUnsafe(11 + extra);
  key[0] = RECORD;
  key.writeUInt32BE(tableId, 1);
  key.writeUIntBE(createdAt, 5, 6);
  return key;
}

function recordKey(tableId: number, createdAt: number, seq: number): Buffer {
  const key = streamPrefix(tableId, createdAt, 6);
  key.writeUIntBE(seq, 11, 6);
  return key;
}

const metaKey = (arn: string) => Buffer.concat([Buffer.from([META]), Buffer.from(arn, 'utf8')]);
const seqOf = (key: Buffer) => key.readUIntBE(11, 6);

const handles = new WeakMap<Store, StreamStorage>();

/** The streams sub-database of a store (opened once per store: each engine has its own). */
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
  return {
    stream: (arn) => metas.get(metaKey(arn)),
    streams() {
      const out: StreamMeta[] = [];
      for (const { value } of metas.getRange({ start: Buffer.from([META]), end: Buffer.from([RECORD]) })) {
        out.push(value);
      }
      return out;
    },
    putStream: (meta) => writeNow(() => void metas.put(metaKey(meta.arn), meta)),
    removeStream: (arn) => writeNow(() => void metas.remove(metaKey(arn))),
    putRecord(tableId, createdAt, seq, time, json) {
      void texts.put(recordKey(tableId, createdAt, seq), String(time).padStart(TIME_DIGITS, '0') + json);
    },
    *records(tableId, createdAt, from, to, limit) {
      const end = to >= MAX_U48 ? streamPrefix(tableId, createdAt + 1) : recordKey(tableId, createdAt, to + 1);
      const range = { start: recordKey(tableId, createdAt, from), end, limit };
      for (const { key, value } of texts.getRange(range)) {
        yield { seq: seqOf(key), time: Number(value.slice(0, TIME_DIGITS)), json: value.slice(TIME_DIGITS) };
      }
    },
    lastSeq(tableId, createdAt) {
      const range = {
        start: streamPrefix(tableId, createdAt + 1),
        end: streamPrefix(tableId, createdAt),
        reverse: true,
      };
      for (const key of texts.getKeys({ ...range, limit: 1 })) return seqOf(key);
      return 0;
    },
    trim(tableId, createdAt, before, limit) {
      let last = 0;
      const range = { start: streamPrefix(tableId, createdAt), end: streamPrefix(tableId, createdAt + 1), limit };
      for (const { key, value } of texts.getRange(range)) {
        if (Number(value.slice(0, TIME_DIGITS)) >= before) break;
        void texts.remove(key);
        last = seqOf(key);
      }
      return last;
    },
    dropRecords(tableId, createdAt, limit) {
      let removed = 0;
      const range = { start: streamPrefix(tableId, createdAt), end: streamPrefix(tableId, createdAt + 1), limit };
      for (const key of texts.getKeys(range)) {
        void texts.remove(key);
        removed++;
      }
      return removed < limit;
    },
  };
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
