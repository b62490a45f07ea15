// How DynamoDB reads a statement's Parameters (paritysuite tier3/error-messages/partiqlParameterNumbers.test.ts,
// eu-west-2 and us-east-1, October 2026). A number is read as Java's BigDecimal reads a string: an exponent (or
// the scale it leaves) outside a 32-bit integer cannot be converted ("... cannot be converted to a numeric value:
// <text>", in any position, nested too); the magnitude check then works on precision minus scale in 32-bit
// arithmetic, which wraps (1e2147483647 is an underflow). Each parameter is checked whole in document order, so
// whichever comes first of too deep a nesting and a bad number is the answer. The messages are the value rules'
// own, not wrapped as an expression value's.
import { validation } from '../errors.js';
import { normalizeNumber, validateAttributeValue, type AttributeValue } from '../model/index.js';
import { MAX_NESTING, NESTING_MESSAGE } from '../model/validate.js';

const NUMBER = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);
const fitsInt = (n: number) => n >= INT_MIN && n <= INT_MAX;
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';

const parameterErrors = new WeakSet<object>();
/** Whether an error is about a parameter: ExecuteTransaction answers those without naming the statement. */
export const isParameterError = (e: unknown) => typeof e === 'object' && e !== null && parameterErrors.has(e);

/** The parameters in canonical form, or DynamoDB's error for the first problem in document order. */
export function checkParameters(params: AttributeValue[]): AttributeValue[] {
  try {
    for (const param of params) walk(param, 0);
    return params.map((p) => validateAttributeValue(p));
  } catch (e) {
    if (typeof e === 'object' && e !== null) parameterErrors.add(e);
    throw e;
  }
}

function walk(value: unknown, depth: number): void {
  if (typeof value !== 'object' || value === null) return; // validateAttributeValue words the shape errors
  const v = value as Record<string, unknown>;
  if (typeof v.N === 'string') checkNumber(v.N);
  if (Array.isArray(v.NS)) for (const n of v.NS) if (typeof n === 'string') checkNumber(n);
  const nested = Array.isArray(v.L) ? v.L : isObject(v.M) ? Object.values(v.M) : undefined;
  if (!nested) return;
  if (depth >= MAX_NESTING) throw validation(NESTING_MESSAGE);
  for (const member of nested) walk(member, depth + 1);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkNumber(text: string): void {
  const m = NUMBER.exec(text);
  if (m && m[3] !== undefined) {
    const exponent = Number(m[3]);
    const scale = (m[2]?.length ?? 0) - exponent;
    if (!fitsInt(exponent) || !fitsInt(scale)) {
      throw validation(`The parameter cannot be converted to a numeric value: ${text}`);
    }
    const digits = ((m[1] ?? '') + (m[2] ?? '')).replace(/^0+/, '');
    const precision = Math.max(1, digits.length);
    if (precision - scale > INT_MAX) throw validation(UNDERFLOW); // wraps negative: reads as tiny
    if (precision - scale < INT_MIN) throw validation(OVERFLOW);
  }
  normalizeNumber(text);
}
