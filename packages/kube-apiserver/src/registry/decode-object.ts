// A request body decoded as an object of a served type, with the real server's 400 decoding errors: the body
// must be an object of this kind (or another served version of it), ObjectMeta fields typed as Go declares them.
import type { KubeObject } from '../api.js';
import { badRequest } from '../errors.js';
import { goJsonType } from '../go-json.js';
import { apiVersionOf, type ResourceType } from '../resource-type.js';
import { checkTypeMetaTypes } from '../type-meta.js';
import type { ServedKind } from './kinds/served-kind.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A request body as an object of this type (apiVersion/kind defaulted, metadata present). */
export function decodeObject(type: ResourceType, body: unknown, versions: ServedKind[]): KubeObject {
  if (!isObject(body))
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: the body must be a JSON object`,
    );
  const object = structuredClone(body) as KubeObject;
  checkTypeMetaTypes(object);
  const apiVersion = apiVersionOf(type);
  if (
    object.apiVersion !== undefined &&
    object.apiVersion !== apiVersion &&
    !versions.some((k) => apiVersionOf(k.type) === object.apiVersion)
  ) {
    throw badRequest(
      `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (object.kind !== undefined && object.kind !== type.kind) {
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: the object provided is unrecognized (kind ${String(object.kind)})`,
    );
  }
  if (object.metadata !== undefined && !isObject(object.metadata)) {
    throw badRequest(
      `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: metadata must be an object`,
    );
  }
  object.apiVersion = apiVersion;
  object.kind = type.kind;
  object.metadata ??= {};
  checkMetadataTypes(type, object.metadata as Record<string, unknown>);
  versions[0]?.strategy.checkDecoding?.(object);
  return object;
}

const META_TYPES: Record<string, 'string' | 'number' | 'map' | 'strings' | 'list'> = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'string',
  resourceVersion: 'string',
  selfLink: 'string',
  creationTimestamp: 'string',
  deletionTimestamp: 'string',
  generation: 'number',
  deletionGracePeriodSeconds: 'number',
  labels: 'map',
  annotations: 'map',
  finalizers: 'strings',
  ownerReferences: 'list',
  managedFields: 'list',
};

const GO_TYPES = {
  string: 'string',
  number: 'int64',
  map: 'map[string]string',
  strings: '[]string',
  list: '[]',
} as const;

/** Wrongly typed ObjectMeta fields are decoding errors (400), as Go's JSON decoder reports them. */
function checkMetadataTypes(type: ResourceType, metadata: Record<string, unknown>): void {
  for (const [field, expected] of Object.entries(META_TYPES)) {
    const value = metadata[field];
    if (value === undefined || value === null) continue;
    const ok =
      expected === 'string'
        ? typeof value === 'string'
        : expected === 'number'
          ? typeof value === 'number'
          : expected === 'map'
            ? isObject(value) && Object.values(value).every((v) => typeof v === 'string')
            : expected === 'strings'
              ? Array.isArray(value) && value.every((v) => typeof v === 'string')
              : Array.isArray(value);
    if (!ok) {
      throw badRequest(
        `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: json: cannot unmarshal ${goJsonType(value)} into Go struct field ObjectMeta.metadata.${field} of type ${GO_TYPES[expected]}`,
      );
    }
  }
}
