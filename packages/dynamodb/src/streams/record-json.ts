// Stream records in two steps. When a change commits, recordParts() keeps only what varies per record: the sequence
// number, time, event, size, and the keys and images as JSON text, the images copied from the items' stored text. The
// GetRecords JSON around them (region, view type, eventID, the constant members) is written when a record is read,
// by renderRecord(): the write path then builds no string per record, and the log holds about 250 bytes less each.
// Member names, order and values follow the records of the DynamoDB Streams API reference (Record, StreamRecord)
// and the developer guide's examples: eventID (32 hex digits), eventName INSERT/MODIFY/REMOVE, eventVersion "1.1",
// eventSource "aws:dynamodb", awsRegion, dynamodb {ApproximateCreationDateTime (epoch seconds), Keys, NewImage,
// OldImage, SequenceNumber, SizeBytes, StreamViewType}, and userIdentity {PrincipalId, Type} on TTL deletions
// ("Time to Live: streams", developer guide).
import { itemSize, type Item } from '../model/index.js';
import type { ItemChange } from '../storage/change-hooks.js';
import { storedJson, storedSize, type StoredItem } from '../storage/item-codec.js';
import type { StoredRecord, StreamMeta, StreamViewType } from '../storage/stream-records.js';
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

/** What every record of a stream shares: the text around each record's own parts. */
export interface RecordContext {
  /** `{"awsRegion":"<region>","dynamodb":{"ApproximateCreationDateTime":` */
  head: string;
  /** `,"StreamViewType":"<type>"},"eventID":"<first 16 of 32 hex digits>` (the sequence number makes the rest). */
  viewAndId: string;
}

export function recordContext(meta: StreamMeta): RecordContext {
  // The stream ARN is arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>.
  const region = meta.arn.split(':')[3] ?? '';
  const eventIdPrefix = (meta.tableId.toString(16) + meta.createdAt.toString(16)).padStart(16, '0').slice(-16);
  return {
    head: `{"awsRegion":${JSON.stringify(region)},"dynamodb":{"ApproximateCreationDateTime":`,
    viewAndId: `,"StreamViewType":"${meta.viewType}"},"eventID":"${eventIdPrefix}`,
  };
}

/** What follows the eventID, per event letter. */
const EVENT_TAILS: Record<string, string> = Object.fromEntries(
  Object.entries({ I: 'INSERT', M: 'MODIFY', R: 'REMOVE', [TTL_REMOVE]: 'REMOVE' }).map(([event, name]) => [
    event,
    `","eventName":"${name}","eventSource":"aws:dynamodb","eventVersion":"1.1"${event === TTL_REMOVE ? TTL_IDENTITY : ''}}`,
  ]),
);

/** A record as GetRecords answers it. */
export function renderRecord(context: RecordContext, r: StoredRecord): string {
  if (r.json !== undefined) return r.json;
  const images =
    (r.newImage === '' ? '' : ',"NewImage":' + r.newImage) + (r.oldImage === '' ? '' : ',"OldImage":' + r.oldImage);
  return (
    context.head +
    Math.floor(r.time / 1000) +
    ',"Keys":' +
    r.keys +
    images +
    ',"SequenceNumber":"' +
    formatSequenceNumber(r.seq) +
    '","SizeBytes":' +
    r.size +
    context.viewAndId +
    r.seq.toString(16).padStart(16, '0') +
    EVENT_TAILS[r.event]
  );
}
