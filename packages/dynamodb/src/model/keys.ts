// Byte encodings of key values for the store. Two properties make them usable as LMDB keys:
//  - order-preserving: comparing encodings byte-wise gives DynamoDB's order (UTF-8 bytes, bytes, numeric);
//  - prefix-free: no encoding is a prefix of another, so hash|range and index|table-key concatenate safely and
//    each part can be decoded back from the front.
// S/B: the bytes with 0x00 escaped as 0x00 0xFF, then a 0x00 0x00 terminator (sorts before any continuation).
// N: a sign tag (0x01 negative, 0x02 zero, 0x03 positive), an exponent byte (e + 130 fits 0..255 exactly for
//    DynamoDB's range), the digits two per byte (pair d1d2 → d1*10+d2+1, a lone last digit d → d*10+1), and a
//    0x00 terminator. Negatives store the exponent and digit bytes inverted (255 - b) and end in 0xFF, so that a
//    larger magnitude sorts first.
import type { AttributeValue, ScalarKeyType } from './types.js';
import { decomposeNumber, composeNumber, MIN_EXPONENT } from './numbers.js';

const TAG_NEGATIVE = 0x01;
const TAG_ZERO = 0x02;
const TAG_POSITIVE = 0x03;

function escapeBytes(bytes: Uint8Array): Buffer {
  let zeros = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) zeros++;
  const out = Buffer.allocUnsafe(bytes.length + zeros + 2);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out[j++] = b;
    if (b === 0) out[j++] = 0xff;
  }
  out[j++] = 0;
  out[j++] = 0;
  return out;
}

/** escapeBytes(utf8(s)) without the intermediate buffer when s has no NUL (nearly always). */
function encodeString(s: string): Buffer {
  if (s.indexOf('\u0000') >= 0) return escapeBytes(Buffer.from(s, 'utf8'));
  const len = Buffer.byteLength(s, 'utf8');
  const out = Buffer.allocUnsafe(len + 2);
  out.write(s, 0, 'utf8');
  out[len] = 0;
  out[len + 1] = 0;
  return out;
}

function unescapeBytes(buf: Uint8Array, offset: number): { bytes: Buffer; end: number } {
  const out: number[] = [];
  let i = offset;
  for (;;) {
    if (i >= buf.length) throw new Error('truncated key encoding');
    const b = buf[i]!;
    if (b !== 0) {
      out.push(b);
      i++;
      continue;
    }
    const next = buf[i + 1];
    if (next === 0) return { bytes: Buffer.from(out), end: i + 2 };
    if (next !== 0xff) throw new Error('invalid key encoding');
    out.push(0);
    i += 2;
  }
}

function encodeNumber(text: string): Buffer {
  const n = decomposeNumber(text);
  if (n.digits === '') return Buffer.from([TAG_ZERO]);
  const pairs = (n.digits.length + 1) >> 1;
  const out = Buffer.allocUnsafe(3 + pairs);
  const invert = n.negative ? 0xff : 0;
  out[0] = n.negative ? TAG_NEGATIVE : TAG_POSITIVE;
  out[1] = (n.exponent - MIN_EXPONENT) ^ invert;
  const d = n.digits;
  for (let p = 0; p < pairs; p++) {
    const hi = d.charCodeAt(2 * p) - 48;
    const lo = 2 * p + 1 < d.length ? d.charCodeAt(2 * p + 1) - 48 : 0;
    out[2 + p] = (hi * 10 + lo + 1) ^ invert;
  }
  out[2 + pairs] = invert; // 0x00 terminator, 0xFF for negatives
  return out;
}

function decodeNumber(buf: Uint8Array, offset: number): { value: AttributeValue; end: number } {
  const tag = buf[offset];
  if (tag === TAG_ZERO) return { value: { N: '0' }, end: offset + 1 };
  if (tag !== TAG_NEGATIVE && tag !== TAG_POSITIVE) throw new Error('invalid number key encoding');
  const invert = tag === TAG_NEGATIVE ? 0xff : 0;
  const exponent = (buf[offset + 1]! ^ invert) + MIN_EXPONENT;
  let digits = '';
  let i = offset + 2;
  for (;;) {
    if (i >= buf.length) throw new Error('truncated key encoding');
    const b = buf[i]! ^ invert;
    i++;
    if (b === 0) break;
    const v = b - 1;
    digits += String.fromCharCode(48 + Math.floor(v / 10), 48 + (v % 10));
  }
  // A lone last digit was padded with a zero; canonical digits never end in zero.
  if (digits.endsWith('0')) digits = digits.slice(0, -1);
  return { value: { N: composeNumber({ negative: tag === TAG_NEGATIVE, digits, exponent }) }, end: i };
}

/** Order-preserving, prefix-free encoding of a scalar key value of the given type. */
export function encodeKeyValue(value: AttributeValue, type: ScalarKeyType): Buffer {
  switch (type) {
    case 'S':
      if (!('S' in value)) throw new Error('key value is not of type S');
      return encodeString(value.S);
    case 'B':
      if (!('B' in value)) throw new Error('key value is not of type B');
      return escapeBytes(Buffer.from(value.B, 'base64'));
    case 'N':
      if (!('N' in value)) throw new Error('key value is not of type N');
      return encodeNumber(value.N);
  }
}

/** Inverse of encodeKeyValue, reading from offset; returns the (canonical) value and the offset after it. */
export function decodeKeyValue(
  buf: Uint8Array,
  offset: number,
  type: ScalarKeyType,
): { value: AttributeValue; end: number } {
  switch (type) {
    case 'S': {
      const { bytes, end } = unescapeBytes(buf, offset);
      return { value: { S: bytes.toString('utf8') }, end };
    }
    case 'B': {
      const { bytes, end } = unescapeBytes(buf, offset);
      return { value: { B: bytes.toString('base64') }, end };
    }
    case 'N':
      return decodeNumber(buf, offset);
  }
}
