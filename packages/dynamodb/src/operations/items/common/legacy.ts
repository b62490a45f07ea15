// DynamoDB's legacy (pre-expression) parameters, still sent by older mappers (e.g. the Java SDK v1
// DynamoDBMapper): Expected + ConditionalOperator, QueryFilter/ScanFilter, KeyConditions, AttributeUpdates.
// They compile into the same shapes expressions compile into, so the operations treat both alike.
import { validation } from '../../../errors.js';
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

function isScalar(v: AttributeValue): boolean {
  return 'S' in v || 'N' in v || 'B' in v;
}

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

/** One legacy condition on one attribute, as a test of the attribute's value. */
function compileOne(name: string, c: LegacyCondition, member: string): Test {
  if (c.ComparisonOperator === undefined) {
    // Expected's short form: {Value} (must equal), {Exists: false} (must be absent).
    if (c.AttributeValueList !== undefined)
      throw validation(
        `${INVALID}AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`,
      );
    if (c.Exists === false) {
      if (c.Value !== undefined)
        throw validation(`${INVALID}Value cannot be used when Exists is false for Attribute: ${name}`);
      return (v) => v === undefined;
    }
    if (c.Value === undefined)
      throw validation(`${INVALID}Value must be provided when Exists is true for Attribute: ${name}`);
    const value = validateAttributeValue(c.Value);
    return (v) => v !== undefined && valuesEqual(v, value);
  }
  if (c.Value !== undefined || c.Exists !== undefined) {
    throw validation(`${INVALID}Value or Exists cannot be used with ComparisonOperator for Attribute: ${name}`);
  }
  const op = c.ComparisonOperator;
  const arity = ARITY[op];
  if (arity === undefined)
    throw validation(
      `1 validation error detected: Value '${op}' at '${member}.${name}.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]`,
    );
  const list = (c.AttributeValueList ?? []).map((v) => validateAttributeValue(v));
  if (arity >= 0 ? list.length !== arity : list.length === 0) {
    throw validation(`${INVALID}Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  if (SCALAR_ONLY.has(op)) {
    const bad = list.find((v) => !isScalar(v));
    if (bad) throw validation(`${INVALID}ComparisonOperator ${op} is not valid for ${typeOf(bad)} AttributeValue type`);
  }
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
      if ((compareValues(a, b) ?? 0) > 0) {
        throw validation(
          `${INVALID}The BETWEEN condition was provided a range where the lower bound is greater than the upper bound`,
        );
      }
      return (v) => {
        const lo = cmp(v, a);
        const hi = cmp(v, b);
        return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
      };
    }
  }
  throw new Error(`unhandled operator ${op}`);
}

/** Expected / QueryFilter / ScanFilter with ConditionalOperator, as a compiled condition. */
export function compileLegacyConditions(
  conditions: Record<string, LegacyCondition> | undefined,
  operator: string | undefined,
  member: 'Expected' | 'QueryFilter' | 'ScanFilter',
): CompiledCondition | undefined {
  if (conditions === undefined) {
    if (operator !== undefined)
      throw validation(`${INVALID}ConditionalOperator can only be used when ${member} or QueryFilter is present`);
    return undefined;
  }
  const names = Object.keys(conditions);
  if (operator !== undefined && operator !== 'AND' && operator !== 'OR') {
    throw validation(
      `1 validation error detected: Value '${operator}' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]`,
    );
  }
  if (operator !== undefined && names.length < 2) {
    throw validation(`${INVALID}ConditionalOperator can only be used when ${member} has two or more elements`);
  }
  const tests = names.map(
    (n) => [n, compileOne(n, conditions[n]!, member.charAt(0).toLowerCase() + member.slice(1))] as const,
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

/** KeyConditions as the compiled key condition of a key schema. */
export function compileLegacyKeyConditions(
  conditions: Record<string, LegacyCondition>,
  keySchema: KeySchemaElement[],
): CompiledKeyCondition {
  const names = Object.keys(conditions);
  if (names.length === 0 || names.length > 2) throw validation('Conditions can be of length 1 or 2 only');
  const hashName = keySchema.find((k) => k.KeyType === 'HASH')!.AttributeName;
  const rangeName = keySchema.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  for (const n of names)
    if (n !== hashName && n !== rangeName)
      throw validation(
        'Query condition missed key schema element: ' + (names.includes(hashName) ? rangeName : hashName),
      );
  const h = conditions[hashName];
  if (!h) throw validation(`Query condition missed key schema element: ${hashName}`);
  const values = (c: LegacyCondition) => (c.AttributeValueList ?? []).map((v) => validateAttributeValue(v));
  if (h.ComparisonOperator !== 'EQ' || values(h).length !== 1)
    throw validation('Attempted conditional constraint is not an indexable operation');
  const out: CompiledKeyCondition = { hash: { name: hashName, value: values(h)[0]! } };
  const r = rangeName ? conditions[rangeName] : undefined;
  if (r) {
    const v = values(r);
    const op = r.ComparisonOperator;
    const need = op === 'BETWEEN' ? 2 : 1;
    if (v.length !== need) throw validation(`${INVALID}Invalid number of argument(s) for the ${op} ComparisonOperator`);
    let range: RangeCondition;
    switch (op) {
      case 'EQ':
        range = { op: '=', value: v[0]! };
        break;
      case 'LT':
        range = { op: '<', value: v[0]! };
        break;
      case 'LE':
        range = { op: '<=', value: v[0]! };
        break;
      case 'GT':
        range = { op: '>', value: v[0]! };
        break;
      case 'GE':
        range = { op: '>=', value: v[0]! };
        break;
      case 'BEGINS_WITH':
        range = { op: 'begins_with', prefix: v[0]! };
        break;
      case 'BETWEEN':
        range = { op: 'BETWEEN', low: v[0]!, high: v[1]! };
        break;
      default:
        throw validation('Attempted conditional constraint is not an indexable operation');
    }
    out.range = { name: rangeName!, ...range };
  }
  return out;
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
    return { name, action, value };
  });
  return {
    updatedAttributes: new Set(actions.map((a) => a.name)),
    updatedPaths: actions.map((a) => [a.name]),
    onlyRemoves: actions.length > 0 && actions.every((a) => a.action === 'DELETE'),
    apply(item: Item | undefined): Item {
      const out: Item = { ...item };
      for (const { name, action, value } of actions) {
        if (action === 'PUT') out[name] = value!;
        else if (action === 'ADD') out[name] = add(out[name], value!);
        else if (value === undefined) delete out[name];
        else if (out[name] !== undefined) {
          const rest = setDifference(out[name]!, value);
          if (rest) out[name] = rest;
          else delete out[name];
        }
      }
      return out;
    },
  };
}
