// How DynamoDB Streams records are laid out (storage/stream-records.ts keeps them, storage/stream-record-group.ts
// writes them). The `streams` sub-database (binary keys):
//   0x00 | utf8(stream ARN)                                   → StreamMeta (msgpack)
//   0x01 | u32 tableId | u48 stream created-at ms | u48 seq   → 13 ASCII digits (record time) | record JSON: a record
//        as data dirs before the log stored it; moved into the log when the data dir opens (moveLegacyRecords)
//   0x02 | u32 tableId | u48 stream created-at ms | u48 last seq → "segment offset length firstSeq oldest newest":
//        one chunk, a stream's records from one group commit (times in epoch ms), in the stream record log
//   0x03                                                      → the highest sequence number handed out when a stream
//        was last forgotten (msgpack number): the counter resumes above it, so no number is ever used twice
// A chunk is one line per record, in sequence order: `seq time event size keys newImage oldImage`, tab-separated
// (JSON text never holds a raw tab or newline; see StoredRecord).
// A stream is named by its table's storage id (never reused) and its creation time (the label's millisecond), so a
// record needs no lookup on the write path.
import type { LogSpan } from './stream-log.js';

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

export const META = 0x00;
export const LEGACY_RECORD = 0x01;
export const CHUNK = 0x02;
export const SEQUENCE_FLOOR = 0x03;
/** Legacy records' values start with the record time as 13 ASCII digits. */
export const TIME_DIGITS = 13;
/** The event of a record stored whole (moved from data dirs before the log). */
export const LEGACY_EVENT = 'J';
/** "seq time event size ": numbers of at most 16 digits, a letter and four tabs. */
export const LINE_HEAD_BYTES = 60;
export const TAB = 0x09;
export const NEWLINE = 0x0a;
const ZERO = 0x30;

const MAX_U48 = 2 ** 48 - 1;

export function streamPrefix(kind: number, tableId: number, createdAt: number, extra = 0): Buffer {
  const key = Buffer.allocUnsafe(11 + extra);
  key[0] = kind;
  key.writeUInt32BE(tableId, 1);
  key.writeUIntBE(createdAt, 5, 6);
  return key;
}

export function chunkKey(tableId: number, createdAt: number, seq: number): Buffer {
  const key = streamPrefix(CHUNK, tableId, createdAt, 6);
  key.writeUIntBE(Math.min(seq, MAX_U48), 11, 6);
  return key;
}

export const metaKey = (arn: string) => Buffer.concat([Buffer.from([META]), Buffer.from(arn, 'utf8')]);
export const SEQUENCE_FLOOR_KEY = Buffer.from([SEQUENCE_FLOOR]);
export const seqOf = (key: Buffer) => key.readUIntBE(11, 6);

export interface Chunk extends LogSpan {
  first: number;
  oldest: number;
  newest: number;
}

export const chunkText = (span: LogSpan, first: number, oldest: number, newest: number) =>
  `${span.segment} ${span.offset} ${span.length} ${first} ${oldest} ${newest}`;

export function parseChunk(text: string): Chunk {
  const [segment, offset, length, first, oldest, newest] = text.split(' ').map(Number) as number[];
  return { segment: segment!, offset: offset!, length: length!, first: first!, oldest: oldest!, newest: newest! };
}

/** The records of a chunk's text, in order. */
export function* chunkRecords(text: string): Generator<StoredRecord> {
  let at = 0;
  while (at < text.length) {
    // Seven fields: six tabs, then the newline. indexOf and digit loops: split() made an array and seven strings
    // per record, a third of GetRecords' time.
    const t1 = text.indexOf('\t', at);
    const t2 = text.indexOf('\t', t1 + 1);
    const t3 = text.indexOf('\t', t2 + 1);
    const t4 = text.indexOf('\t', t3 + 1);
    const t5 = text.indexOf('\t', t4 + 1);
    const t6 = text.indexOf('\t', t5 + 1);
    const end = text.indexOf('\n', t6 + 1);
    // A damaged log (a disk error below the committed head) must not loop or invent records.
    if (t6 < 0 || end < 0) throw new Error('stream record log: a chunk is not whole');
    const record: StoredRecord = {
      seq: digits(text, at, t1),
      time: digits(text, t1 + 1, t2),
      event: text[t2 + 1]!,
      size: digits(text, t3 + 1, t4),
      keys: text.slice(t4 + 1, t5),
      newImage: text.slice(t5 + 1, t6),
      oldImage: text.slice(t6 + 1, end),
    };
    if (record.event === LEGACY_EVENT) record.json = record.keys;
    yield record;
    at = end + 1;
  }
}

function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - ZERO;
  return n;
}

/** A record's line (LINE_HEAD_BYTES covers what precedes the keys). */
export const lineHead = (r: StoredRecord) => `${r.seq}\t${r.time}\t${r.event}\t${r.size}\t`;
