// The size a Query or Scan page counts towards its 1 MB limit. It is not the item size of the 400 KB limit and of
// capacity (size.ts): DynamoDB measures items as it stores them. Recorded answers (dynalite's test/query.js and
// test/scan.js "scan size limits", run against DynamoDB) pin it to the byte: a page of 25 items whose attribute
// names are 1 or 255 bytes long ends at the same item, so names count one byte each; one more byte in one string
// moves the page end. The model below reproduces every one of those recordings:
//   - per attribute (and map entry): 1 byte for the name plus the value's stored size;
//   - a string adds a length prefix of 1, 2 or 3 bytes (below 128, below 16384, above); a binary or a number 1
//     byte; a set 1 byte plus 1 per member; a list 3 bytes plus 1 per element; a map 3 bytes plus 1 per entry;
//     NULL is 0 bytes, BOOL 1;
//   - per item 2 bytes, plus 18 bytes and the table's sort key value (counted once, at its plain size, for every
//     started 3072 bytes of the rest of the item).
// A page ends once the items read so far measure 1 MB or more; the item that crosses the line is part of it.
import { attributeValueSize, utf8Length } from './size.js';
import type { AttributeValue, Item } from './types.js';

/** Bytes of an item's stored form per repeat of the per-block overhead. */
const BLOCK_BYTES = 3072;
const BLOCK_OVERHEAD = 18;
const ITEM_OVERHEAD = 2;

/** The bytes one item counts towards a page's 1 MB; `sortKey` is the table's sort key name, if it has one. */
export function pageItemSize(item: Item, sortKey: string | undefined): number {
  let body = 0;
  let sortKeySize = 0;
  for (const name in item) {
    const value = item[name]!;
    if (name === sortKey) sortKeySize = attributeValueSize(value);
    else body += 1 + storedValueSize(value);
  }
  return ITEM_OVERHEAD + body + (1 + Math.floor((1 + body) / BLOCK_BYTES)) * (BLOCK_OVERHEAD + sortKeySize);
}

function storedValueSize(value: AttributeValue): number {
  if ('S' in value) {
    const n = utf8Length(value.S);
    return n + (n < 128 ? 1 : n < 16384 ? 2 : 3);
  }
  if ('N' in value || 'B' in value) return attributeValueSize(value) + 1;
  if ('BOOL' in value) return 1;
  if ('NULL' in value) return 0;
  if ('SS' in value || 'NS' in value || 'BS' in value) {
    const members = 'SS' in value ? value.SS : 'NS' in value ? value.NS : value.BS;
    return attributeValueSize(value) + members.length + 1;
  }
  if ('L' in value) {
    let size = 3;
    for (const element of value.L) size += 1 + storedValueSize(element);
    return size;
  }
  if ('M' in value) {
    let size = 3;
    for (const name in value.M) size += 2 + storedValueSize(value.M[name]!);
    return size;
  }
  return 0;
}
