// DynamoDB numbers: exact decimals with at most 38 significant digits and a magnitude in [1e-130, 1e126).
// They travel and are stored as strings in one canonical form — plain decimal notation, no exponent, no
// leading zeros, no trailing fractional zeros, no "-0" ("1.50" → "1.5", "1e2" → "100") — so that equality
// is string equality and ordering can be decided on the characters without parsing.
import { Decimal } from 'decimal.js';
import { validation } from '../errors.js';
import { ValueFault } from './value-faults.js';

export const MAX_SIGNIFICANT_DIGITS = 38;
/** Exponents (scientific notation, d.ddd × 10^e) DynamoDB accepts. */
export const MAX_EXPONENT = 125;
export const MIN_EXPONENT = -130;

/** A number taken apart: value = (negative ? -1 : 1) × 0.d1d2d3… × 10^(exponent + 1); digits has no
 *  leading or trailing zeros; zero is digits "". */
export interface DecomposedNumber {
  negative: boolean;
  digits: string;
  /** Scientific exponent of the first significant digit (d1.d2d3… × 10^exponent). */
  exponent: number;
}

// Java's BigDecimal grammar, which DynamoDB's parser follows: optional sign, digits with an optional point
// (at least one digit on either side), optional exponent.
const NUMBER_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
// The canonical form normalizeNumber produces.
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

const NOT_NUMERIC = 'The parameter cannot be converted to a numeric value';
/** The current layer always adds ": <text>"; the older one drops the colon for an empty string (value-faults.ts). */
const notNumeric = (text: string) =>
  new ValueFault(`${NOT_NUMERIC}: ${text}`, text === '' ? NOT_NUMERIC : `${NOT_NUMERIC}: ${text}`);
const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const TOO_PRECISE = 'Attempting to store more than 38 significant digits in a Number';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';

/** Parses any accepted number syntax; throws DynamoDB's "cannot be converted" error otherwise. No range check. */
export function decomposeNumber(text: string): DecomposedNumber {
  const m = typeof text === 'string' ? NUMBER_SYNTAX.exec(text) : null;
  if (!m) throw notNumeric(String(text));
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') throw notNumeric(text);
  const all = intPart + fracPart;
  let first = 0;
  while (first < all.length && all.charCodeAt(first) === 48) first++;
  let last = all.length;
  while (last > first && all.charCodeAt(last - 1) === 48) last--;
  const exp = m[4] === undefined ? 0 : exponentOf(m[4], text);
  // Zero keeps the exponent it is written with (as Java's BigDecimal does): 0e126 overflows, 0e125 is 0.
  if (first === last) return { negative: false, digits: '', exponent: exp - fracPart.length };
  return { negative: m[1] === '-', digits: all.slice(first, last), exponent: intPart.length - first - 1 + exp };
}

const MAX_LONG = 2n ** 63n - 1n;

/** The exponent part of a number; one past a 64-bit integer cannot be read at all (paritysuite
 *  dynamodb-conformance tests/tier3/limits/numberExponent.test.ts, eu-west-2, 2026-10). */
function exponentOf(digits: string, text: string): number {
  if (digits.length > 18) {
    const e = BigInt(digits);
    if (e > MAX_LONG || e < -MAX_LONG - 1n) throw notNumeric(text);
  }
  return Number(digits);
}

/** Throws DynamoDB's range/precision errors for a decomposed number. Zero is checked by its written exponent. */
export function checkNumberRange(n: DecomposedNumber): void {
  const current = rangeFault(n.exponent);
  if (current) {
    // The older layer computes the magnitude in a Java int, so 1e2147483647 wraps round to an underflow.
    const older = rangeFault(((n.exponent + 1) | 0) - 1) ?? current;
    throw new ValueFault(current, older);
  }
  if (n.digits.length > MAX_SIGNIFICANT_DIGITS) {
    throw new ValueFault(TOO_PRECISE, TOO_PRECISE);
  }
}

function rangeFault(exponent: number): string | undefined {
  if (exponent > MAX_EXPONENT) return OVERFLOW;
  if (exponent < MIN_EXPONENT) return UNDERFLOW;
  return undefined;
}

/** The canonical plain-decimal text of a decomposed number. */
export function composeNumber(n: DecomposedNumber): string {
  const { digits, exponent } = n;
  if (digits === '') return '0';
  let body: string;
  if (exponent < 0) {
    body = '0.' + '0'.repeat(-exponent - 1) + digits;
  } else if (digits.length <= exponent + 1) {
    body = digits + '0'.repeat(exponent + 1 - digits.length);
  } else {
    body = digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1);
  }
  return n.negative ? '-' + body : body;
}

/** Validates a number as DynamoDB does on input and returns its canonical form. */
export function normalizeNumber(n: string): string {
  if (typeof n === 'string' && n.length <= 38 && CANONICAL.test(n) && n !== '-0') {
    // Fast path: short canonical text cannot hold more than 38 digits nor an out-of-range exponent.
    return n;
  }
  const d = decomposeNumber(n);
  checkNumberRange(d);
  return composeNumber(d);
}

function toCanonical(n: string): string {
  return CANONICAL.test(n) && n !== '-0' ? n : composeNumber(decomposeNumber(n));
}

/** Numeric order of two numbers (-1, 0, 1). Canonical inputs (what validation produces) are compared on their
 *  characters without allocating; anything else is canonicalised first. */
export function compareNumbers(a: string, b: string): number {
  if (!CANONICAL.test(a) || a === '-0') a = toCanonical(a);
  if (!CANONICAL.test(b) || b === '-0') b = toCanonical(b);
  const negA = a.charCodeAt(0) === 45;
  const negB = b.charCodeAt(0) === 45;
  if (negA !== negB) return negA ? -1 : 1;
  const magnitude = compareCanonicalMagnitudes(a, negA ? 1 : 0, b, negB ? 1 : 0);
  return negA ? -magnitude : magnitude;
}

function integerLength(s: string, from: number): number {
  const dot = s.indexOf('.', from);
  return (dot < 0 ? s.length : dot) - from;
}

function compareCanonicalMagnitudes(a: string, fromA: number, b: string, fromB: number): number {
  const intA = integerLength(a, fromA);
  const intB = integerLength(b, fromB);
  // Without leading zeros a longer integer part is a larger magnitude ("0.x" has integer part "0", length 1,
  // and is below every other length-1 integer part by its first character).
  if (intA !== intB) return intA < intB ? -1 : 1;
  const lenA = a.length - fromA;
  const lenB = b.length - fromB;
  const len = lenA < lenB ? lenA : lenB;
  for (let i = 0; i < len; i++) {
    const ca = a.charCodeAt(fromA + i);
    const cb = b.charCodeAt(fromB + i);
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  // Points sit at the same place and fractions have no trailing zeros: the longer text has more digits.
  return lenA === lenB ? 0 : lenA < lenB ? -1 : 1;
}

// Enough precision that sums of any two in-range numbers (exponents 255 apart, 38 digits each) are exact.
const ExactDecimal = Decimal.clone({
  precision: 400,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpPos: 9e15,
  toExpNeg: -9e15,
  maxE: 9e15,
  minE: -9e15,
});

function fromDecimal(d: Decimal): string {
  const result = decomposeNumber(d.toFixed());
  try {
    checkNumberRange(result);
  } catch (e) {
    // An arithmetic result out of range is not a request value: no value layer words it.
    throw e instanceof ValueFault ? validation(e.current) : e;
  }
  return composeNumber(result);
}

// Integers of at most 15 digits add exactly in doubles (|sum| < 2^53): the common counter case, ~50x faster.
const SMALL_INTEGER = /^-?[1-9]\d{0,14}$|^0$/;

/** a + b, exactly; throws DynamoDB's overflow/underflow/precision errors when the result is out of range. */
export function addNumbers(a: string, b: string): string {
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) return String(Number(a) + Number(b));
  return fromDecimal(new ExactDecimal(a).plus(new ExactDecimal(b)));
}

/** a - b, exactly; throws like addNumbers. */
export function subtractNumbers(a: string, b: string): string {
  if (SMALL_INTEGER.test(a) && SMALL_INTEGER.test(b)) return String(Number(a) - Number(b));
  return fromDecimal(new ExactDecimal(a).minus(new ExactDecimal(b)));
}
