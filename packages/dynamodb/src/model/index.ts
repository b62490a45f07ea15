// The data model's public face: everything the rest of the package needs from model/ is re-exported here.
export * from './types.js';
export {
  /** Validates one attribute value from a request (shape, emptiness, number syntax/range, set uniqueness).
   *  Returns the value with numbers normalised as DynamoDB stores them ("1.50" → "1.5"). Throws
   *  ValidationException with DynamoDB's message. */
  validateAttributeValue,
  /** validateAttributeValue over every attribute of an item (request member Item/Key/etc.). */
  validateItem,
} from './validate.js';
export {
  /** A malformed number or duplicate set member, worded per the operation's validation layer. */
  ValueFault,
  inValueLayer,
  type ValueLayer,
} from './value-faults.js';
export {
  /** Exact decimal arithmetic and comparison on DynamoDB number strings (38 digits, 1e-130..1e+126). */
  normalizeNumber,
  compareNumbers,
  addNumbers,
  subtractNumbers,
} from './numbers.js';
export {
  /** Order of two scalar values of the same type (S by UTF-8 bytes, N numerically, B by bytes);
   *  undefined when the types differ or are not S/N/B. */
  compareValues,
  /** Deep equality; sets compare as sets, numbers numerically. */
  valuesEqual,
} from './compare.js';
export {
  /** The size DynamoDB charges and limits an item by (names + values, its documented rules). */
  itemSize,
  attributeValueSize,
} from './size.js';
export {
  /** The size an item counts towards a Query/Scan page's 1 MB, as DynamoDB measures its stored form. */
  pageItemSize,
} from './page-size.js';
export {
  /** Order-preserving, prefix-free byte encoding of a scalar key value: storage order = DynamoDB order. */
  encodeKeyValue,
  /** Inverse of encodeKeyValue; returns the value and the offset just after it. */
  decodeKeyValue,
} from './keys.js';
export {
  /** DynamoDB's placement prefix of a partition key value: 3 bytes of MD5("Outliers" ‖ key bytes). Stored ahead of
   *  the key so that a Scan walks in DynamoDB's order and a parallel-scan segment is one range of prefixes. */
  hashPrefix,
  /** The placement prefix of raw key bytes (an index entry's table partition + sort key). */
  hashPrefixOf,
  /** The bytes of a key value that the placement hash covers (S: UTF-8, B: bytes, N: DynamoDB's base-100 form). */
  keyHashBytes,
  HASH_PREFIX_BYTES,
  /** Which prefix range [start, end) (24-bit) parallel-scan segment i of n covers. */
  segmentRange,
} from './key-hash.js';
