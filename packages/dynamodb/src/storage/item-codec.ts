// How an item is stored: its DynamoDB size (u32, big-endian) followed by its wire JSON in UTF-8.
// Storing the wire text lets reads that return whole items (GetItem, Query, Scan without filter or projection)
// copy the stored bytes into the response instead of decoding and re-serialising every item (see
// server/wire-body.ts), and the stored size gives the 1 MB page limit and read capacity without decoding.
// Every other access goes through itemCodec, so the rest of the engine sees plain Item objects.
import { itemSize, type Item } from '../model/index.js';

/** The format written by this version; older data dirs are converted once at open (storage/open.ts). */
export const ITEM_FORMAT = 2;
const SIZE_BYTES = 4;

export function encodeItem(item: Item): Buffer {
  const json = JSON.stringify(item);
  const bytes = Buffer.allocUnsafe(SIZE_BYTES + Buffer.byteLength(json));
  bytes.writeUInt32BE(itemSize(item), 0);
  bytes.write(json, SIZE_BYTES, 'utf8');
  return bytes;
}

/**
 * lmdb-js value encoder. lmdb-js may hand decode() its shared read buffer, valid only during the call and
 * longer than the value: the end is `size` when given as a number, else the buffer's (overridden) length.
 */
export const itemCodec = {
  encode: encodeItem,
  decode(bytes: Buffer, size?: unknown): Item {
    const end = typeof size === 'number' ? size : bytes.length;
    return JSON.parse(bytes.toString('utf8', SIZE_BYTES, end)) as Item;
  },
};

/** The DynamoDB size of a stored item, read from its header. */
export const storedSize = (stored: Buffer): number => stored.readUInt32BE(0);

/** The wire JSON bytes of a stored item (a view, no copy). */
export const storedJson = (stored: Buffer): Buffer => stored.subarray(SIZE_BYTES);

export const decodeStored = (stored: Buffer): Item => itemCodec.decode(stored, stored.length);
