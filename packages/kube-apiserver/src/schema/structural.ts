// Structural-schema processing as the apiextensions-apiserver does it for every write, in its order:
// prune unknown fields (reported for fieldValidation) → drop nulls of non-nullable fields → apply defaults →
// validate (type, enum, required, format, bounds) → transition rules against the old object.
import { ownValue, setOwn } from '../own-keys.js';
import type { JSONSchemaProps } from '../resource-type.js';
import { fieldInvalid, fieldNotSupported, fieldRequired, fieldTypeInvalid, type FieldError } from '../errors.js';
import { checkTransitionRules } from './transition-rules.js';
import { patternRegExp } from './pattern-regexp.js';

export interface SchemaResult {
  /** Paths of pruned fields, as `spec.foo` / `spec.items[0].bar` (what "unknown field" messages quote). */
  unknownFields: string[];
  errors: FieldError[];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const child = (path: string, key: string): string => (path ? `${path}.${key}` : key);

/** Top-level fields every object has; metadata is handled by the registry, not by the schema. */
const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Mutates `object` (prune, default) and returns unknown fields and validation errors. `old` enables transition
 * rules (`self == oldSelf`).
 */
export function applyStructuralSchema(
  schema: JSONSchemaProps,
  object: Record<string, Json>,
  old?: Record<string, Json>,
): SchemaResult {
  const result: SchemaResult = { unknownFields: [], errors: [] };
  pruneAndDefault(schema, object, '', result, true);
  validate(schema, object, '', result.errors, true);
  if (old) checkTransitionRules(schema, object, old, '', result.errors, true);
  return result;
}

function props(schema: JSONSchemaProps): Record<string, JSONSchemaProps> | undefined {
  return schema.properties as Record<string, JSONSchemaProps> | undefined;
}

/** The schema of a named property; object keys are user keys (`constructor` is not Object's). */
function propertyOf(properties: Record<string, JSONSchemaProps> | undefined, key: string): JSONSchemaProps | undefined {
  return properties ? (ownValue(properties, key) as JSONSchemaProps | undefined) : undefined;
}

function preservesUnknown(schema: JSONSchemaProps): boolean {
  return schema['x-kubernetes-preserve-unknown-fields'] === true;
}

function pruneAndDefault(schema: JSONSchemaProps, value: Json, path: string, result: SchemaResult, root = false): void {
  if (Array.isArray(value)) {
    const items = schema.items as JSONSchemaProps | undefined;
    if (!items) return;
    value.forEach((item, i) => {
      if (item === null && items.nullable !== true && items.default === undefined) return;
      pruneAndDefault(items, item, `${path}[${i}]`, result);
    });
    return;
  }
  if (!isObject(value)) return;
  const properties = props(schema);
  const additional = schema.additionalProperties as JSONSchemaProps | boolean | undefined;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  for (const key of Object.keys(value)) {
    if (root && ROOT_FIELDS.has(key)) continue;
    if (embedded && ROOT_FIELDS.has(key)) continue;
    const sub = propertyOf(properties, key) ?? (isObject(additional) ? additional : undefined);
    if (!sub) {
      if (additional === true || preservesUnknown(schema)) continue;
      result.unknownFields.push(child(path, key));
      delete value[key];
      continue;
    }
    if (value[key] === null && sub.nullable !== true) {
      // the real server prunes nulls of non-nullable fields so that defaults can apply
      delete value[key];
      continue;
    }
    pruneAndDefault(sub, value[key], child(path, key), result);
  }
  if (properties) {
    for (const [key, sub] of Object.entries(properties)) {
      if (ownValue(value, key) === undefined && sub.default !== undefined) {
        setOwn(value, key, structuredClone(sub.default));
        pruneAndDefault(sub, ownValue(value, key) as Json, child(path, key), result);
      }
    }
  }
}

function typeName(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(expected: string, value: Json): boolean {
  switch (expected) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    default:
      return true;
  }
}

const FORMATS: Record<string, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
};

function validate(schema: JSONSchemaProps, value: Json, path: string, errors: FieldError[], root = false): void {
  if (value === null) {
    if (schema.nullable !== true && !root)
      errors.push(
        fieldTypeInvalid(path, 'null', `${path} in body must be of type ${String(schema.type ?? 'object')}: "null"`),
      );
    return;
  }
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  const type = schema.type as string | undefined;
  if (intOrString) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      errors.push(
        fieldTypeInvalid(path, typeName(value), `${path} in body must be of type integer,string: "${typeName(value)}"`),
      );
      return;
    }
  } else if (type && !hasType(type, value)) {
    errors.push(
      fieldTypeInvalid(path, typeName(value), `${path} in body must be of type ${type}: "${typeName(value)}"`),
    );
    return;
  }
  const enumValues = schema.enum as Json[] | undefined;
  if (enumValues && !enumValues.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(fieldNotSupported(path, value, enumValues));
  }
  if (typeof value === 'number') validateNumber(schema, value, path, errors);
  if (typeof value === 'string') validateString(schema, value, path, errors);
  if (Array.isArray(value)) {
    validateArray(schema, value, path, errors);
    const items = schema.items as JSONSchemaProps | undefined;
    if (items) value.forEach((item, i) => validate(items, item, `${path}[${i}]`, errors));
    return;
  }
  if (isObject(value)) validateObject(schema, value, path, errors, root);
}

function validateNumber(schema: JSONSchemaProps, value: number, path: string, errors: FieldError[]): void {
  const max = schema.maximum as number | undefined;
  const min = schema.minimum as number | undefined;
  if (max !== undefined && (schema.exclusiveMaximum ? value >= max : value > max)) {
    errors.push(
      fieldInvalid(
        path,
        value,
        `${path} in body should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${max}`,
      ),
    );
  }
  if (min !== undefined && (schema.exclusiveMinimum ? value <= min : value < min)) {
    errors.push(
      fieldInvalid(
        path,
        value,
        `${path} in body should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${min}`,
      ),
    );
  }
  if (schema.format === 'int32' && (value > 2147483647 || value < -2147483648)) {
    errors.push(fieldInvalid(path, value, `${path} in body must be of type int32: "${value}"`));
  }
}

function validateString(schema: JSONSchemaProps, value: string, path: string, errors: FieldError[]): void {
  const maxLength = schema.maxLength as number | undefined;
  const minLength = schema.minLength as number | undefined;
  if (maxLength !== undefined && [...value].length > maxLength) {
    errors.push({
      type: 'FieldValueTooLong',
      field: path,
      message: `Too long: may not be more than ${maxLength} bytes`,
    });
  }
  if (minLength !== undefined && [...value].length < minLength) {
    errors.push(fieldInvalid(path, value, `${path} in body should be at least ${minLength} chars long`));
  }
  const pattern = schema.pattern as string | undefined;
  if (pattern !== undefined && !patternRegExp(pattern)?.test(value)) {
    errors.push(fieldInvalid(path, value, `${path} in body should match '${pattern}'`));
  }
  const format = schema.format as string | undefined;
  if (format && FORMATS[format] && !FORMATS[format]!.test(value)) {
    errors.push(fieldInvalid(path, value, `${path} in body must be of type ${format}: ${JSON.stringify(value)}`));
  }
}

function validateArray(schema: JSONSchemaProps, value: Json[], path: string, errors: FieldError[]): void {
  const maxItems = schema.maxItems as number | undefined;
  const minItems = schema.minItems as number | undefined;
  if (maxItems !== undefined && value.length > maxItems) {
    errors.push({
      type: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${value.length}: must have at most ${maxItems} items`,
    });
  }
  if (minItems !== undefined && value.length < minItems) {
    errors.push(fieldInvalid(path, value, `${path} in body should have at least ${minItems} items`));
  }
}

function validateObject(
  schema: JSONSchemaProps,
  value: Record<string, Json>,
  path: string,
  errors: FieldError[],
  root: boolean,
): void {
  for (const key of (schema.required as string[] | undefined) ?? []) {
    if (ownValue(value, key) === undefined) errors.push(fieldRequired(child(path, key)));
  }
  const properties = props(schema);
  const additional = schema.additionalProperties as JSONSchemaProps | boolean | undefined;
  for (const [key, v] of Object.entries(value)) {
    if (root && ROOT_FIELDS.has(key)) continue;
    const sub = propertyOf(properties, key) ?? (isObject(additional) ? additional : undefined);
    if (sub) validate(sub, v, child(path, key), errors);
  }
  const maxProperties = schema.maxProperties as number | undefined;
  if (maxProperties !== undefined && Object.keys(value).length > maxProperties) {
    errors.push({
      type: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${Object.keys(value).length}: must have at most ${maxProperties} items`,
    });
  }
}
