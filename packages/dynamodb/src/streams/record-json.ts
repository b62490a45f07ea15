// Stream records in two steps. When a change commits, recordParts() keeps only what varies per record: the sequence
// number, time, event, size, and the keys and images as JSON text, the images copied from the items' stored text. The
// GetRecords JSON around them (region, view type, eventID, the constant members) is written when records are read,
// by RecordPage, straight into the answer's bytes: the write path builds no string per record, the log holds about
// 250 bytes less each, and reads decode nothing.
// Member names, order and values follow the records of the DynamoDB Streams API reference (Record, StreamRecord)
// and the developer guide's examples: eventID (32 hex digits), eventName INSERT/MODIFY/REMOVE, eventVersion "1.1",
// eventSource "aws:dynamodb", awsRegion, dynamodb {ApproximateCreationDateTime (epoch seconds), Keys, NewImage,
// OldImage, SequenceNumber, SizeBytes, StreamViewType}, and userIdentity {PrincipalId, Type} on TTL deletions
// ("Time to Live: streams", developer guide).
import { itemSize, type Item } from '../model/index.js';
import type { ItemChange } from '../storage/change-hooks.js';
import { storedJson, storedSize, type StoredItem } from '../storage/item-codec.js';
import {
  LEGACY_EVENT_CODE,
  type RecordView,
  type StoredRecord,
  type StreamMeta,
  type StreamViewType,
} from '../storage/stream-records.js';
import { formatSequenceNumber } from './sequence-numbers.js';

const TTL_IDENTITY = ',"userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}';
/** The event letter of a TTL deletion (a REMOVE with userIdentity). */
const TTL_REMOVE = 'T';

/** An image's JSON and DynamoDB size: from the stored text when the write path has it. */
const imageJson = (item: Item, text: StoredItem | undefined) =>
  text === undefined ? JSON.stringify(item) : storedJson(text);
const imageSize = (item: Item, text: StoredItem | undefined) =>
  text === undefined ? itemSize(item) : storedSize(text);

/** What a record stores of a committed change, for a stream of the given view type. */
export function recordParts(change: ItemChange, viewType: StreamViewType, seq: number, time: number): StoredRecord {
  const { key, oldItem, newItem, oldText, newText } = change;
  const withNew = newItem !== undefined && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
  const withOld = oldItem !== undefined && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
  // SizeBytes: the record's keys and images, measured as DynamoDB measures items.
  let size = itemSize(key);
  if (withNew) size += imageSize(newItem, newText);
  if (withOld) size += imageSize(oldItem, oldText);
  const event = !oldItem ? 'I' : !newItem ? (change.cause === 'ttl' ? TTL_REMOVE : 'R') : 'M';
  return {
    seq,
    time,
    event,
    size,
    keys: JSON.stringify(key),
    newImage: withNew ? imageJson(newItem, newText) : '',
    oldImage: withOld ? imageJson(oldItem, oldText) : '',
  };
}

/** What every record of a stream shares, as the bytes around each record's own parts. */
export interface RecordContext {
  /** `{"awsRegion":"<region>","dynamodb":{"ApproximateCreationDateTime":` */
  head: Buffer;
  /** `,"StreamViewType":"<type>"},"eventID":"<first 16 of 32 hex digits>` (the sequence number makes the rest). */
  viewAndId: Buffer;
}

export function recordContext(meta: StreamMeta): RecordContext {
  // The stream ARN is arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>.
  const region = meta.arn.split(':')[3] ?? '';
  const eventIdPrefix = (meta.tableId.toString(16) + meta.createdAt.toString(16)).padStart(16, '0').slice(-16);
  return {
    head: Buffer.from(`{"awsRegion":${JSON.stringify(region)},"dynamodb":{"ApproximateCreationDateTime":`),
    viewAndId: Buffer.from(`,"StreamViewType":"${meta.viewType}"},"eventID":"${eventIdPrefix}`),
  };
}

const EVENT_TAILS = new Map(
  Object.entries({ I: 'INSERT', M: 'MODIFY', R: 'REMOVE', [TTL_REMOVE]: 'REMOVE' }).map(([event, name]) => [
    event.charCodeAt(0),
    `","eventName":"${name}","eventSource":"aws:dynamodb","eventVersion":"1.1"${event === TTL_REMOVE ? TTL_IDENTITY : ''}}`,
  ]),
);

/** GetRecords' list of records as UTF-8 bytes, commas included: the stored JSON parts are copied as bytes, the
 *  rest written around them, so no record is decoded into a string and encoded again. */
export class RecordPage {
  #bytes = Buffer.allocUnsafe(64 * 1024);
  #end = 0;
  count = 0;

  constructor(private readonly context: RecordContext) {}

  /** Bytes so far. */
  get length(): number {
    return this.#end;
  }

  add(r: RecordView): void {
    if (this.count++ > 0) this.#ascii(',');
    const { bytes } = r;
    if (r.event === LEGACY_EVENT_CODE) return this.#copy(bytes, r.keys, r.keysEnd);
    this.#copy(this.context.head, 0, this.context.head.length);
    this.#ascii(`${Math.floor(r.time / 1000)},"Keys":`);
    this.#copy(bytes, r.keys, r.keysEnd);
    if (r.newImageEnd > r.newImage) {
      this.#ascii(',"NewImage":');
      this.#copy(bytes, r.newImage, r.newImageEnd);
    }
    if (r.oldImageEnd > r.oldImage) {
      this.#ascii(',"OldImage":');
      this.#copy(bytes, r.oldImage, r.oldImageEnd);
    }
    this.#ascii(`,"SequenceNumber":"${formatSequenceNumber(r.seq)}","SizeBytes":${r.size}`);
    this.#copy(this.context.viewAndId, 0, this.context.viewAndId.length);
    this.#ascii(r.seq.toString(16).padStart(16, '0') + EVENT_TAILS.get(r.event)!);
  }

  /** Drops what was added after `length` bytes (the record that would pass GetRecords' 1 MB). */
  truncate(length: number, count: number): void {
    this.#end = length;
    this.count = count;
  }

  bytes(): Buffer {
    return this.#bytes.subarray(0, this.#end);
  }

  #ascii(text: string) {
    this.#reserve(text.length);
    this.#end += this.#bytes.write(text, this.#end, 'latin1');
  }

  #copy(from: Buffer, start: number, end: number) {
    this.#reserve(end - start);
    this.#end += from.copy(this.#bytes, this.#end, start, end);
  }

  #reserve(more: number) {
    if (this.#end + more <= this.#bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.#bytes.length, this.#end + more));
    this.#bytes.copy(bigger, 0, 0, this.#end);
    this.#bytes = bigger;
  }
}
