// core/v1 ConfigMap: string data, base64 binaryData, immutable flag.
import type { Strategy } from '../strategy.js';
import { badRequest, fieldForbidden, fieldInvalid, type FieldError } from '../../errors.js';
import { ALL_VERBS, objectRoot, stringMap, type ServedKind } from './served-kind.js';

const KEY = /^[-._a-zA-Z0-9]+$/;
const KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

export function validateDataKeys(data: unknown, field: string): FieldError[] {
  if (!data || typeof data !== 'object') return [];
  return Object.keys(data)
    .filter((k) => !KEY.test(k) || k.length > 253)
    .map((k) => fieldInvalid(field, k, KEY_MESSAGE));
}

/** Immutable ConfigMaps/Secrets refuse data changes after creation. */
export function validateImmutable(
  object: Record<string, unknown>,
  old: Record<string, unknown>,
  fields: string[],
): FieldError[] {
  if (old.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (object.immutable !== true) errors.push(fieldForbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (JSON.stringify(object[f] ?? {}) !== JSON.stringify(old[f] ?? {}))
      errors.push(fieldForbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errors;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Where Go's base64 decoder gives up: the first byte outside the alphabet, else the incomplete last quantum. */
function illegalBase64At(v: string): number {
  const bad = [...v].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  return bad >= 0 ? bad : v.length - (v.length % 4);
}

/** []byte maps decode from base64; anything else is Go's decoding error (400), not a validation error. */
export function checkBase64Map(kind: string, value: unknown): void {
  if (!value || typeof value !== 'object') return;
  for (const v of Object.values(value)) {
    if (typeof v === 'string' && BASE64.test(v)) continue;
    const at = typeof v === 'string' ? illegalBase64At(v) : 0;
    throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: illegal base64 data at input byte ${at}`);
  }
}

const strategy: Strategy = {
  tracksGeneration: false,
  nameRule: 'subdomain',
  fieldLabels: [],
  returnDeletedObject: false,
  checkDecoding: (o) => checkBase64Map('ConfigMap', o.binaryData),
  validate: (o) => [...validateDataKeys(o.data, 'data'), ...validateDataKeys(o.binaryData, 'binaryData')],
  validateUpdate: (o, old) => validateImmutable(o, old, ['data', 'binaryData']),
};

export const configMapKind: ServedKind = {
  type: {
    group: '',
    version: 'v1',
    resource: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    listKind: 'ConfigMapList',
    namespaced: true,
    shortNames: ['cm'],
    verbs: ALL_VERBS,
    statusSubresource: false,
    builtin: true,
    schema: objectRoot({
      data: stringMap,
      binaryData: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      immutable: { type: 'boolean' },
    }),
    printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  },
  strategy,
};
