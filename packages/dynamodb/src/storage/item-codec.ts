// How an item is stored: its DynamoDB size as 7 ASCII digits, then (when the writer knew its table) the size it
// counts towards a Query/Scan page (model/page-size.ts) as 7 more digits, then its wire JSON, all UTF-8. JSON
// always starts with '{', so the second field is optional and data written without it reads unchanged.
// Storing the wire text lets reads that return whole items (GetItem, BatchGetItem, TransactGetItems, Query, Scan
// without filter or projection) put the stored text into the response instead of decoding and re-serialising every
// item (operations/wire-body.ts), and the size header gives the 1 MB page limit and read capacity without decoding.
// The header is text so that the whole value reads as one string (lmdb-js 'string' encoding: one native UTF-8
// decode, no Buffer per item). Every other access goes through itemCodec, so the rest of the engine sees plain Item
// objects.
import { itemSize, pageItemSize, type Item } from '../model/index.js';

/** The format written by this version; older data dirs are converted once at open (storage/store.ts). */
export const ITEM_FORMAT = 2;
/** Items are at most 400 KB (their page size at most about twice that), so 7 digits always suffice. */
const SIZE_DIGITS = 7;
const OPEN_BRACE = 123;

/** Where the JSON starts: after one size field, or after two when the page size is stored too. */
const jsonStart = (stored: StoredItem) =>
  stored.charCodeAt(SIZE_DIGITS) === OPEN_BRACE ? SIZE_DIGITS : 2 * SIZE_DIGITS;

/**
 * The stored form of an item whose DynamoDB size the caller already knows (writes have it from their checks and
 * stats): `store.rawItems.put(key, storedText(item, size))` stores it without measuring the item again.
 */
export const storedText = (item: Item, size: number, pageSize?: number): StoredItem =>
  String(size).padStart(SIZE_DIGITS, '0') +
  (pageSize === undefined ? '' : String(pageSize).padStart(SIZE_DIGITS, '0')) +
  JSON.stringify(item);

/**
 * lmdb-js value encoder, for writers that do not know the size (lmdb-js turns the returned string into UTF-8).
 * lmdb-js may hand decode() its shared read buffer, valid only during the call and longer than the value: the end
 * is `size` when given as a number, else the buffer's (overridden) length.
 */
export const itemCodec = {
  encode: (item: Item): StoredItem => storedText(item, itemSize(item)),
  decode(bytes: Buffer, size?: unknown): Item {
    const end = typeof size === 'number' ? size : bytes.length;
    const start = bytes[SIZE_DIGITS] === OPEN_BRACE ? SIZE_DIGITS : 2 * SIZE_DIGITS;
    return JSON.parse(bytes.toString('utf8', start, end)) as Item;
  },
};

/** A stored item as text (what the `rawItems` database returns). */
export type StoredItem = string;

/** The DynamoDB size of a stored item, read from its header. */
export const storedSize = (stored: StoredItem): number => Number(stored.slice(0, SIZE_DIGITS));

/** The wire JSON of a stored item. */
export const storedJson = (stored: StoredItem): string => stored.slice(jsonStart(stored));

export const decodeStored = (stored: StoredItem): Item => JSON.parse(storedJson(stored)) as Item;

/** The size a stored item counts towards a Query/Scan page: from its header, else measured (older data). */
export const storedPageSize = (stored: StoredItem, sortKey: string | undefined): number =>
  jsonStart(stored) === SIZE_DIGITS
    ? pageItemSize(decodeStored(stored), sortKey)
    : Number(stored.slice(SIZE_DIGITS, 2 * SIZE_DIGITS));

/**
 * lmdb-js key encoder for the `rawItems` handle: keys come back as latin1 strings (one byte per character) instead
 * of a Buffer per entry, which whole-item reads never look at but would pay an ArrayBuffer for. Range bounds are
 * given as Buffers; lmdb-js writes a returned string back when it repositions a cursor.
 */
export const latin1Keys = {
  writeKey(key: Buffer | string, target: Buffer, start: number): number {
    if (typeof key === 'string') return start + target.write(key, start, 'latin1');
    target.set(key, start);
    return start + key.length;
  },
  readKey: (target: Buffer, start: number, end: number): string => target.toString('latin1', start, end),
};
