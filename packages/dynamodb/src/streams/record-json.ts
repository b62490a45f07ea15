// One stream record as DynamoDB Streams' GetRecords returns it, built as JSON text once, when the change commits
// (the record is stored as this text and GetRecords copies it into the answer). Member names, order and values
// follow the records of the DynamoDB Streams API reference (Record, StreamRecord) and the developer guide's
// examples: eventID (32 hex digits), eventName INSERT/MODIFY/REMOVE, eventVersion "1.1", eventSource
// "aws:dynamodb", awsRegion, dynamodb {ApproximateCreationDateTime (epoch seconds), Keys, NewImage, OldImage,
// SequenceNumber, SizeBytes, StreamViewType}, and userIdentity {PrincipalId, Type} on TTL deletions
// ("Time to Live: streams", developer guide).
import { itemSize, type Item } from '../model/index.js';
import type { ChangeCause } from '../storage/change-hooks.js';
import { storedJson, storedSize, type StoredItem } from '../storage/item-codec.js';
import type { StreamViewType } from '../storage/stream-records.js';
import { formatSequenceNumber } from './sequence-numbers.js';

const TTL_IDENTITY = ',"userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}';

export interface RecordInput {
  region: string;
  viewType: StreamViewType;
  key: Item;
  oldItem: Item | undefined;
  newItem: Item | undefined;
  /** Their stored texts when the write path has them (copied instead of serialised and measured again). */
  oldText?: StoredItem;
  newText?: StoredItem;
  cause: ChangeCause;
  seq: number;
  /** 32 hex digits, unique (streams/table-streams.ts). */
  eventId: string;
  /** Epoch ms. */
  time: number;
}

const eventName = (r: RecordInput) => (!r.oldItem ? 'INSERT' : !r.newItem ? 'REMOVE' : 'MODIFY');

/** An image as record JSON and its DynamoDB size: from the stored text when there is one. */
const imageJson = (item: Item, text: StoredItem | undefined) =>
  text === undefined ? JSON.stringify(item) : storedJson(text);
const imageSize = (item: Item, text: StoredItem | undefined) =>
  text === undefined ? itemSize(item) : storedSize(text);

export function recordJson(r: RecordInput): string {
  const withNew = r.newItem !== undefined && (r.viewType === 'NEW_IMAGE' || r.viewType === 'NEW_AND_OLD_IMAGES');
  const withOld = r.oldItem !== undefined && (r.viewType === 'OLD_IMAGE' || r.viewType === 'NEW_AND_OLD_IMAGES');
  // SizeBytes: the record's keys and images, measured as DynamoDB measures items.
  let size = itemSize(r.key);
  let images = '';
  if (withNew) {
    images += `,"NewImage":${imageJson(r.newItem!, r.newText)}`;
    size += imageSize(r.newItem!, r.newText);
  }
  if (withOld) {
    images += `,"OldImage":${imageJson(r.oldItem!, r.oldText)}`;
    size += imageSize(r.oldItem!, r.oldText);
  }
  return (
    `{"awsRegion":${JSON.stringify(r.region)},"dynamodb":{"ApproximateCreationDateTime":${Math.floor(r.time / 1000)},` +
    `"Keys":${JSON.stringify(r.key)}${images},"SequenceNumber":"${formatSequenceNumber(r.seq)}",` +
    `"SizeBytes":${size},"StreamViewType":"${r.viewType}"},"eventID":"${r.eventId}",` +
    `"eventName":"${eventName(r)}","eventSource":"aws:dynamodb","eventVersion":"1.1"` +
    `${r.cause === 'ttl' ? TTL_IDENTITY : ''}}`
  );
}
