// x-kubernetes-validations, without a CEL engine: the one rule form ACK CRDs carry — `self == oldSelf`
// ("Value is immutable once set") — is enforced as the transition rule it is: evaluated on update, only where
// both the new and the old value exist and are correlatable (object properties and map values, not list items,
// as in the real server). Every other rule is reported by `unsupportedRules` and ignored.
import { ownValue } from '../own-keys.js';
import type { JSONSchemaProps } from '../resource-type.js';
import { fieldInvalid, type FieldError } from '../errors.js';

interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  fieldPath?: string;
  reason?: string;
}

const IMMUTABLE = /^\s*(self\s*==\s*oldSelf|oldSelf\s*==\s*self)\s*$/;

export const isSupportedRule = (rule: string): boolean => IMMUTABLE.test(rule);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rulesOf(schema: JSONSchemaProps): ValidationRule[] {
  const rules = schema['x-kubernetes-validations'];
  return Array.isArray(rules) ? (rules as ValidationRule[]) : [];
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

function typeLabel(schema: JSONSchemaProps, value: unknown): string {
  if (typeof schema.type === 'string') return schema.type;
  return Array.isArray(value) ? 'array' : typeof value;
}

export function checkTransitionRules(
  schema: JSONSchemaProps,
  value: unknown,
  old: unknown,
  path: string,
  errors: FieldError[],
  root = false,
): void {
  if (value === undefined || old === undefined) return;
  if (!root) {
    for (const rule of rulesOf(schema)) {
      if (!isSupportedRule(rule.rule)) continue;
      if (!deepEqual(value, old)) {
        errors.push(fieldInvalid(path, typeLabel(schema, value), rule.message ?? `failed rule: ${rule.rule}`));
      }
    }
  }
  if (!isObject(value) || !isObject(old)) return;
  const properties = schema.properties as Record<string, JSONSchemaProps> | undefined;
  const additional = schema.additionalProperties;
  for (const key of Object.keys(value)) {
    if (root && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
    const own = properties ? (ownValue(properties, key) as JSONSchemaProps | undefined) : undefined;
    const sub = own ?? (isObject(additional) ? (additional as JSONSchemaProps) : undefined);
    // keys are user keys: an old object without `constructor` has no such field, whatever Object.prototype has
    if (sub) checkTransitionRules(sub, value[key], ownValue(old, key), path ? `${path}.${key}` : key, errors);
  }
}

/** Rules this server does not evaluate, with their schema paths (reported as warnings when a CRD is written). */
export function unsupportedRules(schema: JSONSchemaProps | undefined, path = ''): { path: string; rule: string }[] {
  if (!schema) return [];
  const found = rulesOf(schema)
    .filter((r) => !isSupportedRule(r.rule))
    .map((r) => ({ path: path || '<root>', rule: r.rule }));
  const properties = (schema.properties ?? {}) as Record<string, JSONSchemaProps>;
  for (const [key, sub] of Object.entries(properties))
    found.push(...unsupportedRules(sub, path ? `${path}.${key}` : key));
  if (isObject(schema.items)) found.push(...unsupportedRules(schema.items as JSONSchemaProps, `${path}[*]`));
  if (isObject(schema.additionalProperties))
    found.push(...unsupportedRules(schema.additionalProperties as JSONSchemaProps, `${path}[*]`));
  return found;
}
