// Where DynamoDB places an item: a 3-byte prefix of MD5("Outliers" ‖ key bytes). Scan walks the prefixes in
// ascending order and parallel-scan segments split the prefix space, so storing keys under this prefix (storage/
// items-keys.ts) gives Scan DynamoDB's item order and segment contents. The scheme is the one dynalite derived from
// AWS (architect/dynalite db/index.js hashPrefix/numToBuffer, actions/scan.js) and its tests, which ran against AWS,
// pin it down: test "scan - functionality / segmented scan behavior" asserts the exact Scan order of S and N keys
// and which of 4096 segments holds given keys. The "key bytes" of a value are:
//   S: its UTF-8 bytes;  B: its bytes;
//   N: DynamoDB's base-100 form (canonicalNumberBytes).
// A table item hashes its partition key only (all items of a partition share a prefix); the entries of an index
// that have equal index keys are ordered by the hash of the table's partition and sort key bytes together (dynalite
// createIndexKey; its AWS-run test/query.js GSI cases, e.g. "should query on a global index if values are equal").
import { hash as oneShotHash, createHash } from 'node:crypto';
import { md5FirstWord } from './md5.js';
import { decomposeNumber } from './numbers.js';
import type { AttributeValue, ScalarKeyType } from './types.js';

const SALT = 'Outliers';
/** Bytes of the prefix: 6 hex digits of the MD5, as dynalite keeps. */
export const HASH_PREFIX_BYTES = 3;
/** Inputs up to this many bytes are hashed in JavaScript (model/md5.ts), longer ones by node:crypto. */
const JS_MD5_MAX = 256;
/** Segments split the space of the first 12 bits (4096 values) of the prefix. */
const SEGMENT_SPACE = 4096;
const SEGMENT_SHIFT = 12;

// For long inputs: crypto.hash (Node >= 20.12) digests in one native call, without a Hash object per key.
const md5Native: (data: Buffer) => Buffer =
  typeof oneShotHash === 'function'
    ? (data) => oneShotHash('md5', data, 'buffer') as unknown as Buffer
    : (data) => createHash('md5').update(data).digest();

/** The hash input, salt first, assembled without intermediate Buffers (grown for long keys). */
let input = Buffer.allocUnsafe(1024);
const SALT_BYTES = input.write(SALT, 0, 'latin1');

/**
 * DynamoDB's byte form of a number key (what its hash covers): zero is 0x80; otherwise value = ±0.(base-100 digit
 * pairs) × 100^k, one byte for k (k - 64 + 128 for positives, its complement for negatives), then one byte per
 * digit pair p (p + 1 for positives, 101 - p for negatives), and for negatives of fewer than 20 pairs a final 102.
 */
export function canonicalNumberBytes(text: string): Buffer {
  const n = decomposeNumber(text);
  if (n.digits === '') return Buffer.from([0x80]);
  const decimalExponent = n.exponent + 1; // value = 0.d1d2… × 10^decimalExponent
  const padFront = decimalExponent % 2 !== 0 ? 1 : 0; // pairs must start on an even decimal exponent
  const digits = padFront ? '0' + n.digits : n.digits;
  const pairs = (digits.length + 1) >> 1;
  const terminated = n.negative && pairs < 20;
  const out = Buffer.allocUnsafe(1 + pairs + (terminated ? 1 : 0));
  const exponentByte = Math.floor((decimalExponent + padFront) / 2) - 64;
  out[0] = (n.negative ? ~exponentByte : exponentByte) & 0xff;
  for (let p = 0; p < pairs; p++) {
    const hi = digits.charCodeAt(2 * p) - 48;
    const lo = 2 * p + 1 < digits.length ? digits.charCodeAt(2 * p + 1) - 48 : 0;
    const pair = hi * 10 + lo;
    out[1 + p] = n.negative ? 101 - pair : pair + 1;
  }
  if (terminated) out[1 + pairs] = 102;
  return out;
}

/** The bytes of a key value that DynamoDB's hash covers (as a string for S: hashed as UTF-8 without a copy). */
export function keyHashBytes(value: AttributeValue, type: ScalarKeyType): string | Buffer {
  switch (type) {
    case 'S':
      if (!('S' in value)) throw new Error('key value is not of type S');
      return value.S;
    case 'B':
      if (!('B' in value)) throw new Error('key value is not of type B');
      return Buffer.from(value.B, 'base64');
    case 'N':
      if (!('N' in value)) throw new Error('key value is not of type N');
      return canonicalNumberBytes(value.N);
  }
}

/** The 3-byte placement prefix of the given key bytes (one value, or partition then sort key). */
export function hashPrefixOf(...keyBytes: (string | Buffer)[]): Buffer {
  let length = SALT_BYTES;
  for (const part of keyBytes) {
    const most = typeof part === 'string' ? 3 * part.length : part.length; // UTF-8: at most 3 bytes per UTF-16 unit
    if (input.length < length + most)
      input = Buffer.concat([input.subarray(0, length), Buffer.allocUnsafe(most + 1024)]);
    length += typeof part === 'string' ? input.write(part, length, 'utf8') : part.copy(input, length);
  }
  const out = Buffer.allocUnsafe(HASH_PREFIX_BYTES);
  if (length <= JS_MD5_MAX) {
    const word = md5FirstWord(input, length); // digest bytes 0..3, little-endian
    out[0] = word & 0xff;
    out[1] = (word >>> 8) & 0xff;
    out[2] = (word >>> 16) & 0xff;
  } else {
    md5Native(input.subarray(0, length)).copy(out, 0, 0, HASH_PREFIX_BYTES);
  }
  return out;
}

/** The placement prefix of a partition key value. */
export function hashPrefix(value: AttributeValue, type: ScalarKeyType): Buffer {
  return hashPrefixOf(keyHashBytes(value, type));
}

/** The prefix range [start, end) (as 24-bit integers) that parallel-scan segment `segment` of `totalSegments`
 *  covers: 12-bit buckets ceil(4096·s/T) up to ceil(4096·(s+1)/T) - 1, so with more than 4096 segments some are
 *  empty (dynalite actions/scan.js, matched by its AWS-run segment tests). */
export function segmentRange(segment: number, totalSegments: number): { start: number; end: number } {
  const first = Math.ceil((SEGMENT_SPACE * segment) / totalSegments);
  const end = Math.ceil((SEGMENT_SPACE * (segment + 1)) / totalSegments);
  return { start: first << SEGMENT_SHIFT, end: Math.max(first, end) << SEGMENT_SHIFT };
}
