// DynamoDB's legacy (pre-expression) parameters, still sent by older mappers (e.g. the Java SDK v1
// DynamoDBMapper): Expected + ConditionalOperator, QueryFilter/ScanFilter, KeyConditions, AttributeUpdates.
// They compile into the same shapes expressions compile into, so the operations treat both alike.
import { attributeOf, setAttribute } from '../../../model/attribute-map.js';
import { isDynamoDBError, validation } from '../../../errors.js';
import { ValueFault } from '../../../model/value-faults.js';
import type {
  CompiledCondition,
  CompiledKeyCondition,
  CompiledUpdate,
  RangeCondition,
} from '../../../expressions/index.js';
import {
  addNumbers,
  compareValues,
  typeOf,
  validateAttributeValue,
  valuesEqual,
  type AttributeValue,
  type Item,
  type KeySchemaElement,
} from '../../../model/index.js';

const INVALID = 'One or more parameter values were invalid: ';

export interface LegacyCondition {
  Value?: unknown;
  Exists?: boolean;
  ComparisonOperator?: string;
  AttributeValueList?: unknown[];
}

const ARITY: Record<string, number> = {
  EQ: 1,
  NE: 1,
  LE: 1,
  LT: 1,
  GE: 1,
  GT: 1,
  NOT_NULL: 0,
  NULL: 0,
  CONTAINS: 1,
  NOT_CONTAINS: 1,
  BEGINS_WITH: 1,
  IN: -1,
  BETWEEN: 2,
};
const SCALAR_ONLY = new Set(['LE', 'LT', 'GE', 'GT', 'CONTAINS', 'NOT_CONTAINS', 'BEGINS_WITH', 'IN', 'BETWEEN']);

type Test = (value: AttributeValue | undefined) => boolean;

const SCALARS = ['S', 'N', 'B'];

function contains(attr: AttributeValue, v: AttributeValue): boolean {
  if ('S' in attr && 'S' in v) return attr.S.includes(v.S);
  if ('B' in attr && 'B' in v) return Buffer.from(attr.B, 'base64').includes(Buffer.from(v.B, 'base64'));
  if ('SS' in attr && 'S' in v) return attr.SS.includes(v.S);
  if ('NS' in attr && 'N' in v) return attr.NS.some((n) => valuesEqual({ N: n }, v));
  if ('BS' in attr && 'B' in v) return attr.BS.some((b) => valuesEqual({ B: b }, v));
  if ('L' in attr) return attr.L.some((e) => valuesEqual(e, v));
  return false;
}

function beginsWith(attr: AttributeValue, v: AttributeValue): boolean {
  if ('S' in attr && 'S' in v) return attr.S.startsWith(v.S);
  if ('B' in attr && 'B' in v) {
    const a = Buffer.from(attr.B, 'base64');
    const p = Buffer.from(v.B, 'base64');
    return a.length >= p.length && a.subarray(0, p.length).equals(p);
  }
  return false;
}

const cmp = (a: AttributeValue | undefined, b: AttributeValue): number | undefined =>
  a === undefined ? undefined : compareValues(a, b);

// The AttributeValue types each ComparisonOperator takes in a ScanFilter / QueryFilter (dynalite
// validations/index.js validateConditions, from its test/scan.js and test/query.js recorded against DynamoDB).
const FILTER_TYPES: Record<string, readonly string[]> = {
  EQ: ['S', 'N', 'B', 'SS', 'NS', 'BS'],
  NE: ['S', 'N', 'B', 'SS', 'NS', 'BS'],
  LE: ['S', 'N', 'B'],
  LT: ['S', 'N', 'B'],
  GE: ['S', 'N', 'B'],
  GT: ['S', 'N', 'B'],
  CONTAINS: ['S', 'N', 'B'],
  NOT_CONTAINS: ['S', 'N', 'B'],
  BEGINS_WITH: ['S', 'B'],
  IN: ['S', 'N', 'B'],
  BETWEEN: ['S', 'N', 'B'],
};

const BETWEEN_ORDER =
  'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound';

/** Expected's own rules, in DynamoDB's order (dynalite validateAttributeConditions, test/putItem.js): Value may
 *  stand for a one-element AttributeValueList; Exists goes only without a ComparisonOperator. Returns the
 *  operator's operands, or undefined for the short forms ({Value} / {Exists}). */
function expectedOperands(name: string, c: LegacyCondition): unknown[] | undefined {
  if (c.AttributeValueList !== undefined && c.Value !== undefined)
    throw validation(`${INVALID}Value and AttributeValueList cannot be used together for Attribute: ${name}`);
  const op = c.ComparisonOperator;
  if (op === undefined) {
    if (c.AttributeValueList !== undefined)
      throw validation(
        `${INVALID}AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`,
      );
    return undefined;
  }
  if (c.Exists !== undefined)
    throw validation(`${INVALID}Exists and ComparisonOperator cannot be used together for Attribute: ${name}`);
  if (op !== 'NULL' && op !== 'NOT_NULL' && c.AttributeValueList === undefined && c.Value === undefined)
    throw validation(
      `${INVALID}Value or AttributeValueList must be used with ComparisonOperator: ${op} for Attribute: ${name}`,
    );
  return c.AttributeValueList ?? (c.Value !== undefined ? [c.Value] : []);
}

/** Expected's short forms: {Value} (must equal), {Exists: false} (must be absent). */
function compileShortForm(name: string, c: LegacyCondition): Test {
  const exists = c.Exists !== false;
  if (exists && c.Value === undefined)
    throw validation(`${INVALID}Value must be provided when Exists is ${c.Exists ?? 'null'} for Attribute: ${name}`);
  if (!exists && c.Value !== undefined)
    throw validation(`${INVALID}Value cannot be used when Exists is false for Attribute: ${name}`);
  if (!exists) return (v) => v === undefined;
  const value = validateAttributeValue(c.Value);
  return (v) => v !== undefined && valuesEqual(v, value);
}

/** One legacy condition on one attribute, as a test of the attribute's value. */
function compileOne(name: string, c: LegacyCondition, member: string): Test {
  // The operator's enum is a request-shape constraint: checked before the members around it.
  if (c.ComparisonOperator !== undefined && ARITY[c.ComparisonOperator] === undefined)
    throw validation(
      `1 validation error detected: Value '${c.ComparisonOperator}' at '${member}.${name}.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]`,
    );
  const expected = member === 'expected';
  const operands = expected ? expectedOperands(name, c) : (c.AttributeValueList ?? []);
  if (operands === undefined) return compileShortForm(name, c);
  const op = c.ComparisonOperator;
  if (op === undefined)
    throw validation(
      `1 validation error detected: Value null at '${member}.${name}.member.comparisonOperator' failed to satisfy constraint: Member must not be null`,
    );
  const arity = ARITY[op]!;
  const list = operands.map((v) => validateAttributeValue(v));
  if (arity >= 0 ? list.length !== arity : list.length === 0) {
    throw validation(`${INVALID}Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  const first = list[0];
  if (first && list.some((v) => typeOf(v) !== typeOf(first)))
    throw validation(`${INVALID}AttributeValues inside AttributeValueList must be of same type`);
  // Expected keeps the ordering operators to scalars, as it did before this table was recorded for filters.
  const allowed = expected ? (SCALAR_ONLY.has(op) ? SCALARS : undefined) : FILTER_TYPES[op];
  const bad = allowed && list.find((v) => !allowed.includes(typeOf(v)));
  if (bad) throw validation(`${INVALID}ComparisonOperator ${op} is not valid for ${typeOf(bad)} AttributeValue type`);
  const [a, b] = list as [AttributeValue, AttributeValue];
  switch (op) {
    case 'EQ':
      return (v) => v !== undefined && valuesEqual(v, a);
    case 'NE':
      return (v) => v === undefined || !valuesEqual(v, a);
    case 'LT':
      return (v) => {
        const r = cmp(v, a);
        return r !== undefined && r < 0;
      };
    case 'LE':
      return (v) => {
        const r = cmp(v, a);
        return r !== undefined && r <= 0;
      };
    case 'GT':
      return (v) => {
        const r = cmp(v, a);
        return r !== undefined && r > 0;
      };
    case 'GE':
      return (v) => {
        const r = cmp(v, a);
        return r !== undefined && r >= 0;
      };
    case 'NOT_NULL':
      return (v) => v !== undefined;
    case 'NULL':
      return (v) => v === undefined;
    case 'CONTAINS':
      return (v) => v !== undefined && contains(v, a);
    case 'NOT_CONTAINS':
      return (v) => v !== undefined && !contains(v, a);
    case 'BEGINS_WITH':
      return (v) => v !== undefined && beginsWith(v, a);
    case 'IN':
      return (v) => v !== undefined && list.some((x) => valuesEqual(v, x));
    case 'BETWEEN': {
      if ((compareValues(a, b) ?? 0) > 0) throw validation(BETWEEN_ORDER);
      return (v) => {
        const lo = cmp(v, a);
        const hi = cmp(v, b);
        return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
      };
    }
  }
  throw new Error(`unhandled operator ${op}`);
}

/** Expected's "One or more parameter values were invalid: ..." come inside the validation envelope (paritysuite
 *  tests/tier3/error-messages/deleteItem.test.ts "every malformed Expected condition", 2026-10-09). */
function inEnvelopeIfInvalid<T>(compile: () => T): T {
  try {
    return compile();
  } catch (e) {
    // A number or set fault is worded by the operation's value layer instead (model/value-faults.ts).
    if (e instanceof ValueFault) throw e;
    if (isDynamoDBError(e) && e.code === 'ValidationException' && e.message.startsWith(INVALID))
      throw validation(`1 validation error detected: ${e.message}`);
    throw e;
  }
}

/** Expected / QueryFilter / ScanFilter with ConditionalOperator, as a compiled condition. */
export function compileLegacyConditions(
  conditions: Record<string, LegacyCondition> | undefined,
  operator: string | undefined,
  member: 'Expected' | 'QueryFilter' | 'ScanFilter',
): CompiledCondition | undefined {
  // ConditionalOperator's own rules were checked with the expression members (openScope).
  if (conditions === undefined) return undefined;
  const names = Object.keys(conditions);
  const compile = (n: string) => compileOne(n, conditions[n]!, member.charAt(0).toLowerCase() + member.slice(1));
  const tests = names.map(
    (n) => [n, member === 'Expected' ? inEnvelopeIfInvalid(() => compile(n)) : compile(n)] as const,
  );
  const any = operator === 'OR';
  return {
    evaluate(item) {
      for (const [name, t] of tests) {
        const ok = t(item?.[name]);
        if (any && ok) return true;
        if (!any && !ok) return false;
      }
      return !any || tests.length === 0;
    },
  };
}

/** KeyConditions' checks that need no table (dynalite validations/query.js: each condition as in a QueryFilter,
 *  then their count), made before the table is looked up. */
export function checkLegacyKeyConditions(conditions: Record<string, LegacyCondition>): void {
  for (const [name, c] of Object.entries(conditions)) compileOne(name, c, 'keyConditions');
  const count = Object.keys(conditions).length;
  if (count !== 1 && count !== 2) throw validation('Conditions can be of length 1 or 2 only');
}

const RANGE_OPERATORS: Record<string, RangeCondition['op']> = {
  EQ: '=',
  LT: '<',
  LE: '<=',
  GT: '>',
  GE: '>=',
  BEGINS_WITH: 'begins_with',
  BETWEEN: 'BETWEEN',
};

/** KeyConditions (already through checkLegacyKeyConditions) against the key schema queried, key element by key
 *  element in DynamoDB's order (dynalite actions/query.js, from test/query.js). */
export function compileLegacyKeyConditions(
  conditions: Record<string, LegacyCondition>,
  keySchema: KeySchemaElement[],
  attributeType: (name: string) => string | undefined,
): CompiledKeyCondition {
  const count = Object.keys(conditions).length;
  const values = (c: LegacyCondition) => (c.AttributeValueList ?? []).map((v) => validateAttributeValue(v));
  let out: CompiledKeyCondition | undefined;
  for (const element of keySchema) {
    const name = element.AttributeName;
    const isHash = element.KeyType === 'HASH';
    if (isHash && keySchema.length === 1 && count > 1) throw validation('Query key condition not supported');
    const c = conditions[name];
    if (!c) {
      if (isHash || count > 1) throw validation(`Query condition missed key schema element: ${name}`);
      continue;
    }
    const op = RANGE_OPERATORS[c.ComparisonOperator!];
    if (op === undefined) throw validation('Attempted conditional constraint is not an indexable operation');
    const v = values(c);
    if (v.some((x) => typeOf(x) !== attributeType(name)))
      throw validation(`${INVALID}Condition parameter type does not match schema type`);
    if (isHash) {
      if (op !== '=') throw validation('Query key condition not supported');
      out = { hash: { name, value: v[0]! } };
    } else if (out) {
      const range: RangeCondition =
        op === 'BETWEEN'
          ? { op, low: v[0]!, high: v[1]! }
          : op === 'begins_with'
            ? { op, prefix: v[0]! }
            : { op, value: v[0]! };
      out.range = { name, ...range };
    }
  }
  return out!;
}

export interface LegacyUpdate {
  Value?: unknown;
  Action?: string;
}

function setDifference(attr: AttributeValue, remove: AttributeValue): AttributeValue | undefined {
  const without = <T>(xs: T[], key: (x: T) => AttributeValue, drop: AttributeValue[]) =>
    xs.filter((x) => !drop.some((d) => valuesEqual(key(x), d)));
  let rest: AttributeValue;
  if ('SS' in attr && 'SS' in remove) rest = { SS: attr.SS.filter((s) => !remove.SS.includes(s)) };
  else if ('NS' in attr && 'NS' in remove)
    rest = {
      NS: without(
        attr.NS,
        (n) => ({ N: n }),
        remove.NS.map((n) => ({ N: n })),
      ),
    };
  else if ('BS' in attr && 'BS' in remove)
    rest = {
      BS: without(
        attr.BS,
        (b) => ({ B: b }),
        remove.BS.map((b) => ({ B: b })),
      ),
    };
  else throw validation(`${INVALID}Type mismatch for attribute to update`);
  const size = 'SS' in rest ? rest.SS.length : 'NS' in rest ? rest.NS.length : (rest as { BS: string[] }).BS.length;
  return size === 0 ? undefined : rest;
}

function add(attr: AttributeValue | undefined, v: AttributeValue): AttributeValue {
  if ('N' in v) {
    if (attr === undefined) return v;
    if (!('N' in attr)) throw validation('An operand in the update expression has an incorrect data type');
    return { N: addNumbers(attr.N, v.N) };
  }
  if ('SS' in v || 'NS' in v || 'BS' in v) {
    if (attr === undefined) return v;
    if ('SS' in v && 'SS' in attr) return { SS: [...new Set([...attr.SS, ...v.SS])] };
    if ('NS' in v && 'NS' in attr)
      return { NS: [...attr.NS, ...v.NS.filter((n) => !attr.NS.some((m) => valuesEqual({ N: m }, { N: n })))] };
    if ('BS' in v && 'BS' in attr) return { BS: [...new Set([...attr.BS, ...v.BS])] };
    throw validation('An operand in the update expression has an incorrect data type');
  }
  if ('L' in v) {
    if (attr === undefined) return v;
    if ('L' in attr) return { L: [...attr.L, ...v.L] };
    throw validation('An operand in the update expression has an incorrect data type');
  }
  throw validation(`${INVALID}ADD action is not supported for the type ${typeOf(v)}`);
}

const ADDABLE = new Set(['N', 'SS', 'NS', 'BS', 'L']);

/** AttributeUpdates as a compiled update. */
export function compileAttributeUpdates(updates: Record<string, LegacyUpdate>): CompiledUpdate {
  const actions = Object.entries(updates).map(([name, u]) => {
    const action = u.Action ?? 'PUT';
    if (action !== 'PUT' && action !== 'DELETE' && action !== 'ADD') {
      throw validation(
        `1 validation error detected: Value '${action}' at 'attributeUpdates.${name}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]`,
      );
    }
    const value = u.Value === undefined ? undefined : validateAttributeValue(u.Value);
    if (action !== 'DELETE' && value === undefined)
      throw validation(`${INVALID}Only DELETE action is allowed when no attribute value is specified`);
    if (action === 'DELETE' && value && !('SS' in value || 'NS' in value || 'BS' in value)) {
      throw validation(`${INVALID}DELETE action with value is not supported for the type ${typeOf(value)}`);
    }
    // Checked with the request, before the table is looked up (dynalite validations/updateItem.js).
    if (action === 'ADD' && value && !ADDABLE.has(typeOf(value)))
      throw validation(`${INVALID}ADD action is not supported for the type ${typeOf(value)}`);
    return { name, action, value };
  });
  return {
    updatedAttributes: new Set(actions.map((a) => a.name)),
    updatedPaths: actions.map((a) => [a.name]),
    onlyRemoves: actions.length > 0 && actions.every((a) => a.action === 'DELETE'),
    apply(item: Item | undefined): Item {
      const out: Item = { ...item };
      for (const { name, action, value } of actions) {
        const current = attributeOf(out, name);
        if (action === 'PUT') setAttribute(out, name, value!);
        else if (action === 'ADD') setAttribute(out, name, add(current, value!));
        else if (value === undefined) delete out[name];
        else if (current !== undefined) {
          const rest = setDifference(current, value);
          if (rest) setAttribute(out, name, rest);
          else delete out[name];
        }
      }
      return out;
    },
  };
}
