// Run-time semantics of condition functions and operators on attribute values. Mismatched or missing operands
// make a comparison false, never an error.
import type { AttributeValue } from '../model/index.js';
import { compareNumbers, compareValues, valuesEqual } from '../model/index.js';
import { utf8Length, base64Length } from '../model/size.js';

export function sizeOf(v: AttributeValue): number | undefined {
  if ('S' in v) return utf8Length(v.S);
  if ('B' in v) return base64Length(v.B);
  if ('SS' in v) return v.SS.length;
  if ('NS' in v) return v.NS.length;
  if ('BS' in v) return v.BS.length;
  if ('L' in v) return v.L.length;
  if ('M' in v) {
    let n = 0;
    for (const _ in v.M) n++;
    return n;
  }
  return undefined;
}

function bytesIndexOf(hay: string, needle: string): boolean {
  return Buffer.from(hay, 'base64').includes(Buffer.from(needle, 'base64'));
}

export function contains(hay: AttributeValue, needle: AttributeValue): boolean {
  if ('S' in hay) return 'S' in needle && hay.S.includes(needle.S);
  if ('SS' in hay) return 'S' in needle && hay.SS.includes(needle.S);
  if ('NS' in hay) {
    if (!('N' in needle)) return false;
    for (const n of hay.NS) if (compareNumbers(n, needle.N) === 0) return true;
    return false;
  }
  if ('BS' in hay) return 'B' in needle && hay.BS.includes(needle.B);
  if ('L' in hay) {
    for (const el of hay.L) if (valuesEqual(el, needle)) return true;
    return false;
  }
  if ('B' in hay) return 'B' in needle && bytesIndexOf(hay.B, needle.B);
  return false;
}

export function beginsWith(v: AttributeValue, prefix: AttributeValue): boolean {
  if ('S' in v) return 'S' in prefix && v.S.startsWith(prefix.S);
  if ('B' in v) {
    if (!('B' in prefix)) return false;
    const a = Buffer.from(v.B, 'base64');
    const b = Buffer.from(prefix.B, 'base64');
    return a.length >= b.length && a.subarray(0, b.length).equals(b);
  }
  return false;
}

/** Ordering comparison: only between scalar values of one type. */
export function ordered(a: AttributeValue | undefined, b: AttributeValue | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : compareValues(a, b);
}
