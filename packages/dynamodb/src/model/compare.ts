// Ordering and equality of attribute values as DynamoDB defines them: strings by their UTF-8 bytes, binaries by
// their bytes, numbers numerically; sets are unordered.
import type { AttributeValue, Item } from './types.js';
import { compareNumbers } from './numbers.js';

/** UTF-8 byte order of two strings (= Unicode code point order), without encoding them.
 *  JS compares UTF-16 code units, which puts astral characters (surrogates 0xD800–0xDFFF) before U+E000–U+FFFF;
 *  shifting units at or above 0xD800 at the first difference restores code point order. */
export function compareStrings(a: string, b: string): number {
  const len = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < len; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca >= 0xd800 && cb >= 0xd800) {
      ca = ca >= 0xe000 ? ca - 0x800 : ca + 0x2000;
      cb = cb >= 0xe000 ? cb - 0x800 : cb + 0x2000;
    }
    return ca < cb ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

// Base64 alphabet → sextet value; '=' and anything else → -1 (end of data).
const SEXTET = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  .split('')
  .forEach((c, i) => (SEXTET[c.charCodeAt(0)] = i));

/** Byte order of two canonical base64 strings, decided on the sextets without decoding. Each character carries
 *  the next 6 bits in order, so the first differing sextet decides; when one runs out first (padding or end of
 *  text) its bytes are a prefix of the other's — canonical base64 zero-fills the last sextet — so it is smaller. */
export function compareBase64(a: string, b: string): number {
  const len = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < len; i++) {
    const ca = i < a.length ? a.charCodeAt(i) : 61;
    const cb = i < b.length ? b.charCodeAt(i) : 61;
    if (ca === cb) {
      if (ca === 61) return 0;
      continue;
    }
    const sa = ca < 128 ? SEXTET[ca]! : -1;
    const sb = cb < 128 ? SEXTET[cb]! : -1;
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  }
  return 0;
}

/** Order of two scalar values of the same type (S, N or B); undefined otherwise. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a) return 'S' in b ? compareStrings(a.S, b.S) : undefined;
  if ('N' in a) return 'N' in b ? compareNumbers(a.N, b.N) : undefined;
  if ('B' in a) return 'B' in b ? compareBase64(a.B, b.B) : undefined;
  return undefined;
}

function sameMembers(a: string[], b: string[], equal: (x: string, y: string) => boolean): boolean {
  if (a.length !== b.length) return false;
  // Large sets: hash lookup. Numbers are canonical by then (validation normalises them), so text equality is
  // numeric equality.
  if (a.length > 16) {
    const set = new Set(b);
    for (const x of a) if (!set.has(x)) return false;
    return true;
  }
  outer: for (const x of a) {
    for (const y of b) if (equal(x, y)) continue outer;
    return false;
  }
  return true;
}

const stringEqual = (x: string, y: string) => x === y;
const numberEqual = (x: string, y: string) => x === y || compareNumbers(x, y) === 0;

function itemsEqual(a: Item, b: Item): boolean {
  let count = 0;
  for (const k in a) {
    const bv = b[k];
    if (bv === undefined || !valuesEqual(a[k]!, bv)) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

/** Deep equality: same type and value; sets compare as sets, numbers numerically. */
export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if ('S' in a) return 'S' in b && a.S === b.S;
  if ('N' in a) return 'N' in b && (a.N === b.N || compareNumbers(a.N, b.N) === 0);
  if ('B' in a) return 'B' in b && a.B === b.B;
  if ('BOOL' in a) return 'BOOL' in b && a.BOOL === b.BOOL;
  if ('NULL' in a) return 'NULL' in b;
  if ('SS' in a) return 'SS' in b && sameMembers(a.SS, b.SS, stringEqual);
  if ('NS' in a) return 'NS' in b && sameMembers(a.NS, b.NS, numberEqual);
  if ('BS' in a) return 'BS' in b && sameMembers(a.BS, b.BS, stringEqual);
  if ('L' in a) {
    if (!('L' in b) || a.L.length !== b.L.length) return false;
    for (let i = 0; i < a.L.length; i++) if (!valuesEqual(a.L[i]!, b.L[i]!)) return false;
    return true;
  }
  if ('M' in a) return 'M' in b && itemsEqual(a.M, b.M);
  return false;
}
