// core/v1 Secret: data is base64; stringData is merged into data (encoded) on write and never stored.
import type { KubeObject } from '../../api.js';
import { setOwn } from '../../own-keys.js';
import type { Strategy } from '../strategy.js';
import { fieldInvalid } from '../../errors.js';
import { checkBase64Map, validateDataKeys, validateImmutable } from './configmap.js';
import { ALL_VERBS, objectRoot, stringMap, type ServedKind } from './served-kind.js';

function foldStringData(o: KubeObject): void {
  const stringData = o.stringData as Record<string, string> | undefined;
  if (stringData && typeof stringData === 'object') {
    const data = { ...((o.data as Record<string, string> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(stringData)) setOwn(data, k, Buffer.from(String(v), 'utf8').toString('base64'));
    o.data = data;
  }
  delete o.stringData;
}

const strategy: Strategy = {
  tracksGeneration: false,
  nameRule: 'subdomain',
  fieldLabels: ['type'],
  returnDeletedObject: false,
  checkDecoding: (o) => checkBase64Map('Secret', o.data),
  fields: (o) => ({ type: String(o.type ?? '') }),
  prepareForCreate(o) {
    foldStringData(o);
    if (!o.type) o.type = 'Opaque';
  },
  prepareForUpdate(o, old) {
    foldStringData(o);
    if (!o.type) o.type = old.type;
  },
  validate: (o) => validateDataKeys(o.data, 'data'),
  validateUpdate: (o, old) => [
    ...(o.type !== old.type ? [fieldInvalid('type', o.type, 'field is immutable')] : []),
    ...validateImmutable(o, old, ['data']),
  ],
};

export const secretKind: ServedKind = {
  type: {
    group: '',
    version: 'v1',
    resource: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    listKind: 'SecretList',
    namespaced: true,
    verbs: ALL_VERBS,
    statusSubresource: false,
    builtin: true,
    schema: objectRoot({
      data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
      stringData: stringMap,
      type: { type: 'string' },
      immutable: { type: 'boolean' },
    }),
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  },
  strategy,
};
