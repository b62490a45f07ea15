// ObjectMeta handling shared by every kind: known fields (unknown ones are pruned and reported like schema
// fields), name rules with the real validation messages, label and annotation checks.
import type { KubeObject } from '../api.js';
import { fieldInvalid, fieldRequired, type FieldError } from '../errors.js';

/** The ObjectMeta fields, in the order the real server serialises them. */
export const OBJECT_META_FIELD_ORDER: readonly string[] = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];
const OBJECT_META_FIELDS = new Set(OBJECT_META_FIELD_ORDER);

/** Removes unknown metadata fields; returns their paths (`metadata.foo`). */
export function pruneObjectMeta(object: KubeObject): string[] {
  const unknown: string[] = [];
  for (const key of Object.keys(object.metadata)) {
    if (!OBJECT_META_FIELDS.has(key)) {
      unknown.push(`metadata.${key}`);
      delete (object.metadata as Record<string, unknown>)[key];
    } else if ((object.metadata as Record<string, unknown>)[key] === null)
      delete (object.metadata as Record<string, unknown>)[key];
  }
  return unknown;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export function validateName(name: string, rule: 'label' | 'subdomain', field = 'metadata.name'): FieldError[] {
  const errors: FieldError[] = [];
  const max = rule === 'label' ? 63 : 253;
  if (name.length > max) errors.push(fieldInvalid(field, name, `must be no more than ${max} characters`));
  if (!(rule === 'label' ? DNS1123_LABEL : DNS1123_SUBDOMAIN).test(name)) {
    errors.push(fieldInvalid(field, name, rule === 'label' ? LABEL_MESSAGE : SUBDOMAIN_MESSAGE));
  }
  return errors;
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function validateQualifiedName(key: string, field: string): FieldError[] {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const errors: FieldError[] = [];
  if (prefix !== undefined) {
    if (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)
      errors.push(fieldInvalid(field, key, `prefix part ${SUBDOMAIN_MESSAGE}`));
  }
  if (!name) errors.push(fieldInvalid(field, key, 'name part must be non-empty'));
  else if (name.length > 63) errors.push(fieldInvalid(field, key, 'name part must be no more than 63 characters'));
  else if (!QUALIFIED_NAME.test(name)) errors.push(fieldInvalid(field, key, QUALIFIED_NAME_MESSAGE));
  return errors;
}

function validateStringMap(value: unknown, field: string, checkValue: boolean): FieldError[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [fieldInvalid(field, value, 'must be a map of strings')];
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(value)) {
    errors.push(...validateQualifiedName(k, field));
    if (typeof v !== 'string') errors.push(fieldInvalid(`${field}.${k}`, v, 'must be a string'));
    else if (checkValue && (v.length > 63 || !LABEL_VALUE.test(v))) {
      errors.push(
        fieldInvalid(
          field,
          v,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      );
    }
  }
  return errors;
}

export function validateObjectMeta(object: KubeObject, rule: 'label' | 'subdomain'): FieldError[] {
  const m = object.metadata;
  const errors: FieldError[] = [];
  if (!m.name) errors.push(fieldRequired('metadata.name', 'name or generateName is required'));
  else errors.push(...validateName(m.name, rule));
  errors.push(...validateStringMap(m.labels, 'metadata.labels', true));
  errors.push(...validateStringMap(m.annotations, 'metadata.annotations', false));
  if (m.finalizers !== undefined) {
    if (!Array.isArray(m.finalizers))
      errors.push(fieldInvalid('metadata.finalizers', m.finalizers, 'must be a list of strings'));
    else
      m.finalizers.forEach((f, i) => {
        if (typeof f !== 'string') errors.push(fieldInvalid(`metadata.finalizers[${i}]`, f, 'must be a string'));
        else if (!f.includes('/') && f !== 'kubernetes' && f !== 'orphan' && f !== 'foregroundDeletion') {
          errors.push(...validateQualifiedName(f, `metadata.finalizers[${i}]`));
        }
      });
  }
  return errors;
}

/** RFC3339 with seconds precision, as metav1.Time serialises. */
export const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** generateName suffix: 5 characters from the real server's alphabet (no vowels, no confusable digits). */
export function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return s;
}
