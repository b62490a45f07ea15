// Validation of attribute values arriving in requests, with DynamoDB's messages and check order: each member
// present is checked in turn (so {S: 'a', N: 'x'} reports the number), and "more than one datatypes" comes last.
// Members DynamoDB's JSON layer would drop (unknown names, nulls) are ignored. Empty S/B are legal here; the key
// checks ("cannot contain an empty string value") belong to the item operations.
import { setAttribute } from './attribute-map.js';
import type { AttributeValue, Item } from './types.js';
import { normalizeNumber } from './numbers.js';
import { validation, serialization } from '../errors.js';
import { utf8Length } from './size.js';
import { ValueFault } from './value-faults.js';
import { wrongJsonType, type MemberKind } from '../validation/serialization-texts.js';

const INVALID = 'One or more parameter values were invalid: ';
const EMPTY = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
const MULTIPLE =
  'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
const TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);
/** Documents may nest 31 maps/lists deep; the 32nd level is refused. */
export const MAX_NESTING = 31;
export const NESTING_MESSAGE =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const MAX_NAME_BYTES = 65535;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The SerializationException for a member of the wrong JSON type (validation/serialization-texts.ts). */
function jsonTypeError(v: unknown, kind: MemberKind): never {
  throw serialization(wrongJsonType(kind, v));
}

function asString(v: unknown): string {
  if (typeof v !== 'string') jsonTypeError(v, 'String');
  return v;
}

// A misplaced '=' is left to the round trip below: "Invalid last non-pad Base64 character".
const BASE64_CHARS = /[^A-Za-z0-9+/=]/;

function asBlob(v: unknown): string {
  if (typeof v !== 'string') jsonTypeError(v, 'Blob');
  if (v.length % 4)
    throw serialization(`Base64 encoded length is expected a multiple of 4 bytes but found: ${v.length}`);
  const bad = BASE64_CHARS.exec(v);
  if (bad) throw serialization(`'${v}' can not be converted to a Blob: Invalid Base64 character: '${bad[0][0]}'`);
  if (Buffer.from(v, 'base64').toString('base64') !== v) {
    throw serialization('Invalid last non-pad Base64 character dectected');
  }
  return v;
}

function asBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    // The JSON layer accepts these spellings (case-insensitive) for booleans.
    const u = v.toUpperCase();
    if (u === 'TRUE' || u === '1' || u === 'YES') return true;
    if (u === 'FALSE' || u === '0' || u === 'NO') return false;
    return jsonTypeError(v, 'Boolean');
  }
  return jsonTypeError(v, 'Boolean');
}

function asList(v: unknown): unknown[] {
  if (!Array.isArray(v)) jsonTypeError(v, 'List');
  return v;
}

function listMembers(v: unknown, member: (x: unknown) => string): string[] {
  // Null members are dropped by the JSON layer.
  return asList(v)
    .filter((x) => x != null)
    .map(member);
}

function hasDuplicate(values: string[]): boolean {
  if (values.length < 2) return false;
  return new Set(values).size !== values.length;
}

/** The current layer quotes the members in byte order up to the first repeat, then the repeat, then the rest as
 *  sent (it collects them in a sorted set until one is already there); the older one prints them as sent. */
function duplicateFault(type: 'SS' | 'BS', values: string[]): ValueFault {
  const bytes = (v: string) => (type === 'BS' ? Buffer.from(v, 'base64') : Buffer.from(v, 'utf8'));
  const seen: string[] = [];
  let repeat = values.length;
  for (let i = 0; i < values.length; i++) {
    if (seen.includes(values[i]!)) {
      repeat = i;
      break;
    }
    seen.push(values[i]!);
  }
  seen.sort((a, b) => Buffer.compare(bytes(a), bytes(b)));
  const listed = [...seen, ...values.slice(repeat)].map((v) => JSON.stringify(v));
  const suffix = type === 'BS' ? 'of type BS contains duplicates.' : ' contains duplicates.';
  const current = `[${listed.join(type === 'BS' ? ',' : ', ')}]`;
  const older = `[${values.join(', ')}]`;
  return new ValueFault(
    `${INVALID}Input collection ${current}${suffix}`,
    `${INVALID}Input collection ${older}${suffix}`,
  );
}

const numberSetDuplicates = () =>
  new ValueFault(`${INVALID}Input collection contains duplicates.`, 'Input collection contains duplicates');

/** Validates one attribute value and returns it in canonical form (numbers normalised, NS too). */
export function validateAttributeValue(value: unknown, _member?: string): AttributeValue {
  return validateValue(value, 0);
}

function validateValue(value: unknown, depth: number): AttributeValue {
  if (value == null) throw validation(EMPTY);
  if (!isPlainObject(value)) jsonTypeError(value, 'AttributeValue');
  let result: AttributeValue | undefined;
  let count = 0;
  for (const type in value) {
    const raw = value[type];
    if (!TYPES.has(type) || raw == null) continue;
    count++;
    result = validateMember(type, raw, depth);
  }
  if (count === 0) throw validation(EMPTY);
  if (count > 1) throw validation(MULTIPLE);
  return result!;
}

function validateMember(type: string, raw: unknown, depth: number): AttributeValue {
  switch (type) {
    case 'S':
      return { S: asString(raw) };
    case 'N':
      return { N: normalizeNumber(asString(raw)) };
    case 'B':
      return { B: asBlob(raw) };
    case 'BOOL':
      return { BOOL: asBoolean(raw) };
    case 'NULL':
      if (!asBoolean(raw)) throw validation(INVALID + 'Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS': {
      const ss = listMembers(raw, asString);
      if (ss.length === 0) throw validation(INVALID + 'An string set  may not be empty');
      if (hasDuplicate(ss)) throw duplicateFault('SS', ss);
      return { SS: ss };
    }
    case 'NS': {
      const texts = listMembers(raw, asString);
      if (texts.length === 0) throw validation(INVALID + 'An number set  may not be empty');
      const ns = texts.map(normalizeNumber);
      if (hasDuplicate(ns)) throw numberSetDuplicates();
      return { NS: ns };
    }
    case 'BS': {
      const bs = listMembers(raw, asBlob);
      if (bs.length === 0) throw validation(INVALID + 'Binary sets should not be empty');
      if (hasDuplicate(bs)) throw duplicateFault('BS', bs);
      return { BS: bs };
    }
    case 'M': {
      if (!isPlainObject(raw)) jsonTypeError(raw, 'AttributeMap');
      if (depth >= MAX_NESTING) throw validation(NESTING_MESSAGE);
      return { M: validateMap(raw, depth + 1) };
    }
    case 'L':
      if (depth >= MAX_NESTING) throw validation(NESTING_MESSAGE);
      return { L: listMembers0(raw, depth + 1) };
  }
  throw new Error(`unknown type ${type}`);
}

function listMembers0(raw: unknown, depth: number): AttributeValue[] {
  const list = asList(raw);
  const out: AttributeValue[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = validateValue(list[i], depth);
  return out;
}

function checkName(name: string): void {
  // Only long names can exceed the limit (at most 3 UTF-8 bytes per UTF-16 unit).
  if (name.length * 3 > MAX_NAME_BYTES && utf8Length(name) > MAX_NAME_BYTES) {
    throw validation('1 validation error detected: Attribute name is too large, must be less than 65536 bytes');
  }
}

function validateMap(raw: Record<string, unknown>, depth: number): Item {
  const out: Item = {};
  for (const k in raw) {
    const v = raw[k];
    if (v == null) continue;
    checkName(k);
    setAttribute(out, k, validateValue(v, depth));
  }
  return out;
}

/** validateAttributeValue over every attribute of an item-shaped request member (Item, Key, ...). */
export function validateItem(item: unknown, _member?: string): Item {
  if (!isPlainObject(item)) jsonTypeError(item, 'AttributeMap');
  return validateMap(item, 0);
}
