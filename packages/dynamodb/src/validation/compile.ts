// Compiles an operation's TypeBox input schema, once, into a checker that answers like DynamoDB's request layer:
//   1. a JSON type that cannot be read as the member's type  → SerializationException (first one wins)
//   2. constraint violations (required, enum, pattern, lengths, bounds) → one ValidationException listing up to
//      10 of them, "N validation error(s) detected: Value '…' at 'keySchema.1.member.attributeName' failed …"
// The schema keywords are the single source: required, enum / union of literals, pattern (matched whole and
// printed as written, e.g. '[a-zA-Z0-9_.-]+'), minLength, maxLength, minItems, maxItems, minProperties,
// maxProperties, minimum, maximum. Two optional annotations refine messages: `javaType` on numbers
// ('Long' | 'Integer' | 'Double'; integers default to Long) and nothing else is needed.
// JSON null counts as absent, members the schema does not know are ignored (as DynamoDB does).
import { setAttribute } from '../model/attribute-map.js';
import type { TSchema } from 'typebox';
import { serialization, validation } from '../errors.js';
import { wrongJsonType, type MemberKind } from './serialization-texts.js';
import { MAX_REPORTED_ERRORS, constraint, notNull, rules, summary } from './messages.js';
import { TABLE_NAME_KEYS_RULE, tableNameViolations } from './table-name.js';

/** Collected constraint messages of one request. */
type Errors = string[];
/** Checks a present (non-null) value at path (lowerCamelCase members, as coral prints them) and wire (the
 *  request's own member names, as the newer validation framework prints them); returns the value, possibly
 *  normalised (integers truncated). */
type Check = (value: unknown, path: string, errors: Errors, wire: string) => unknown;

export type Validator = <T = unknown>(input: unknown) => T;

/** Compiles once; the returned function validates a request body and returns it (throws DynamoDBError). */
export function compileValidator(schema: TSchema): Validator {
  const root = compileNode(schema as Schema);
  return <T>(input: unknown): T => {
    const errors: Errors = [];
    const value = root(input ?? {}, '', errors, '');
    if (errors.length > 0) throw validation(summary(errors));
    return value as T;
  };
}

/** The lowerCamelCase member name DynamoDB prints (TableName → tableName, SSESpecification → sSESpecification). */
export const memberName = (property: string) => property.charAt(0).toLowerCase() + property.slice(1);

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  minimum?: number;
  maximum?: number;
  javaType?: string;
  /** A data-plane TableName: a plain name or a table ARN (table-name.ts). */
  tableName?: boolean;
  /** A map keyed by table names (RequestItems): one "Map keys must satisfy constraint" error for the map. */
  tableNameKeys?: boolean;
  /** With tableNameKeys: the keys rule is left out when an earlier member already failed (BatchWriteItem). */
  keysRuleYields?: boolean;
  /** A map whose list values' length limits are reported once for the map ("Map value must satisfy ..."). */
  mapValueLengths?: boolean;
  /** The member kind a map stands for in SerializationException texts (an attribute map: 'AttributeMap'). */
  serializationKind?: MemberKind;
  /** Length limits in the newer framework's words: "Value at 'RequestItems.t.member.Keys' failed to satisfy
   *  constraint: ..." (no value echoed, the request's member names). */
  wireLengths?: boolean;
}

function push(errors: Errors, message: string) {
  if (errors.length < MAX_REPORTED_ERRORS) errors.push(message);
}

const join = (path: string, member: string) => (path === '' ? member : `${path}.${member}`);

function compileNode(schema: Schema): Check {
  const enumValues = enumOf(schema);
  if (enumValues) return compileString(schema, enumValues);
  if (schema.anyOf) return (value) => value; // a union of shapes: left to the operation
  switch (schema.type) {
    case 'object':
      return schema.properties && !schema.patternProperties ? compileStructure(schema) : compileMap(schema);
    case 'array':
      return compileList(schema);
    case 'string':
      return schema.tableName ? compileTableName() : compileString(schema, undefined);
    case 'integer':
    case 'number':
      return compileNumber(schema);
    case 'boolean':
      return compileBoolean();
    default:
      return (value) => value; // Type.Unknown / Type.Any: the operation validates it (e.g. attribute values)
  }
}

/** Literal unions (Type.Union([Type.Literal('A'), ...])) and Type.Enum both become DynamoDB enums. */
function enumOf(schema: Schema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (schema.anyOf && schema.anyOf.length > 0 && schema.anyOf.every((s) => 'const' in s))
    return schema.anyOf.map((s) => s.const);
  if ('const' in schema) return [schema.const];
  return undefined;
}

function compileStructure(schema: Schema): Check {
  const required = new Set(schema.required ?? []);
  const members = Object.entries(schema.properties ?? {}).map(([name, child]) => ({
    name,
    printed: memberName(name),
    required: required.has(name),
    check: compileNode(child),
  }));
  return (value, path, errors, wire) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw serialization(wrongJsonType('Structure', value));
    const object = value as Record<string, unknown>;
    for (const member of members) {
      const child = object[member.name];
      const childPath = join(path, member.printed);
      if (child === undefined || child === null) {
        if (member.required) push(errors, notNull(childPath));
        continue;
      }
      const checked = member.check(child, childPath, errors, join(wire, member.name));
      if (checked !== child) object[member.name] = checked;
    }
    return value;
  };
}

function compileMap(schema: Schema): Check {
  const valueSchema = schema.patternProperties ? Object.values(schema.patternProperties)[0] : undefined;
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  let childSchema = valueSchema ?? additional ?? {};
  const valueLengths = schema.mapValueLengths ? lengthRuleOfMapValues(childSchema) : undefined;
  if (valueLengths) childSchema = { ...childSchema, minItems: undefined, maxItems: undefined };
  const check = compileNode(childSchema);
  const { minProperties, maxProperties, tableNameKeys } = schema;
  const lengthRule = lengthRuleWording(schema);
  const kind = schema.serializationKind ?? 'Map';
  return (value, path, errors, wire) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw serialization(wrongJsonType(kind, value));
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (minProperties !== undefined && keys.length < minProperties)
      push(errors, lengthRule(value, path, wire, rules.minLength(minProperties)));
    if (maxProperties !== undefined && keys.length > maxProperties)
      push(errors, lengthRule(value, path, wire, rules.maxLength(maxProperties)));
    // Map-level rules print the map as JSON (paritysuite dynamodb-conformance validation-ordering/
    // batchOperations.test.ts, captured 2026). BatchWriteItem drops the keys rule when another member failed.
    const keysFail = tableNameKeys && !(schema.keysRuleYields && errors.length > 0);
    if (keysFail && keys.some((k) => tableNameViolations(k).length > 0))
      push(errors, constraintAsJson(value, path, TABLE_NAME_KEYS_RULE));
    if (valueLengths && keys.some((k) => valueLengths.violated(object[k])))
      push(errors, constraintAsJson(value, path, valueLengths.rule));
    for (const key of keys) {
      const child = object[key];
      const childPath = `${join(path, key)}.member`;
      // As in a list: a map's value may not be null ({"RequestItems": {"t": null}}).
      if (child === null || child === undefined) {
        push(errors, notNull(childPath));
        continue;
      }
      const checked = check(child, childPath, errors, `${join(wire, key)}.member`);
      if (checked !== child) setAttribute(object, key, checked);
    }
    return value;
  };
}

/** "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have
 *  length greater than or equal to 1]" (dynalite test/batchWriteItem.js), for maps of length-limited lists. */
function lengthRuleOfMapValues(child: Schema): { rule: string; violated(v: unknown): boolean } | undefined {
  const { minItems, maxItems } = child;
  if (child.type !== 'array' || (minItems === undefined && maxItems === undefined)) return undefined;
  const parts: string[] = [];
  if (maxItems !== undefined) parts.push(rules.maxLength(maxItems));
  if (minItems !== undefined) parts.push(rules.minLength(minItems));
  return {
    rule: `Map value must satisfy constraint: [${parts.join(', ')}]`,
    violated: (v) =>
      Array.isArray(v) &&
      ((minItems !== undefined && v.length < minItems) || (maxItems !== undefined && v.length > maxItems)),
  };
}

/** How a map's or list's length violation is worded: coral's (value echoed, lowerCamelCase path) or, with
 *  `wireLengths`, the newer framework's (paritysuite tests/tier3/error-messages/batchGetItem.test.ts, eu-west-2
 *  since 2026-08 and most regions by 2026-09-02). */
function lengthRuleWording(schema: Schema) {
  return schema.wireLengths
    ? (_value: unknown, _path: string, wire: string, rule: string) =>
        `Value at '${wire}' failed to satisfy constraint: ${rule}`
    : (value: unknown, path: string, _wire: string, rule: string) => constraint(value, path, rule);
}

const constraintAsJson = (value: unknown, path: string, rule: string) =>
  `Value '${JSON.stringify(value)}' at '${path}' failed to satisfy constraint: ${rule}`;

function compileTableName(): Check {
  return (value, path, errors) => {
    if (typeof value !== 'string') throw serialization(wrongJsonType('String', value));
    for (const rule of tableNameViolations(value)) push(errors, constraint(value, path, rule));
    return value;
  };
}

function compileList(schema: Schema): Check {
  const check = compileNode(schema.items ?? {});
  const { minItems, maxItems } = schema;
  const lengthRule = lengthRuleWording(schema);
  return (value, path, errors, wire) => {
    if (!Array.isArray(value)) throw serialization(wrongJsonType('List', value));
    if (minItems !== undefined && value.length < minItems)
      push(errors, lengthRule(value, path, wire, rules.minLength(minItems)));
    if (maxItems !== undefined && value.length > maxItems)
      push(errors, lengthRule(value, path, wire, rules.maxLength(maxItems)));
    for (let i = 0; i < value.length; i++) {
      const child = value[i];
      const childPath = `${join(path, String(i + 1))}.member`;
      if (child === null || child === undefined) {
        push(errors, notNull(childPath));
        continue;
      }
      const checked = check(child, childPath, errors, `${join(wire, String(i + 1))}.member`);
      if (checked !== child) value[i] = checked;
    }
    return value;
  };
}

function compileString(schema: Schema, enumValues: unknown[] | undefined): Check {
  const pattern = schema.pattern !== undefined ? new RegExp(`^(?:${schema.pattern})$`, 'u') : undefined;
  const { minLength, maxLength } = schema;
  return (value, path, errors) => {
    if (typeof value !== 'string') throw serialization(wrongJsonType('String', value));
    if (enumValues && !enumValues.includes(value)) push(errors, constraint(value, path, rules.enumSet(enumValues)));
    if (pattern && !pattern.test(value)) push(errors, constraint(value, path, rules.pattern(schema.pattern!)));
    if (minLength !== undefined && value.length < minLength)
      push(errors, constraint(value, path, rules.minLength(minLength)));
    if (maxLength !== undefined && value.length > maxLength)
      push(errors, constraint(value, path, rules.maxLength(maxLength)));
    return value;
  };
}

function compileNumber(schema: Schema): Check {
  const integral = schema.type === 'integer';
  const javaType = schema.javaType ?? (integral ? 'Long' : 'Double');
  const { minimum, maximum } = schema;
  return (value, path, errors) => {
    if (typeof value !== 'number') throw serialization(wrongJsonType(javaType as MemberKind, value));
    // Coral truncates a fractional number sent for an integral member.
    const number = integral && !Number.isInteger(value) ? Math.trunc(value) : value;
    if (minimum !== undefined && number < minimum) push(errors, constraint(number, path, rules.minimum(minimum)));
    if (maximum !== undefined && number > maximum) push(errors, constraint(number, path, rules.maximum(maximum)));
    return number;
  };
}

function compileBoolean(): Check {
  return (value) => {
    if (typeof value !== 'boolean') throw serialization(wrongJsonType('Boolean', value));
    return value;
  };
}
