// How objects are compared and laid out when stored: equality that ignores key order, the parts generation
// tracks, what a no-op write may differ in, and the field order the real server serialises.
import type { KubeObject } from '../api.js';
import { OBJECT_META_FIELD_ORDER } from './object-meta.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export /** Deep equality where object key order does not matter (patch engines may reorder keys). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
  // own keys only: `__proto__` or `constructor` missing from b must not find Object.prototype's
  return keys.length === otherKeys.length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

export /** Everything outside metadata (and status, with the subresource): what generation tracks. */
function specOf(object: KubeObject, statusSubresource: boolean): Record<string, unknown> {
  const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = object;
  return statusSubresource ? rest : { ...rest, status };
}

export /** The object without what every write changes anyway (resourceVersion, managedFields timestamps). */
function withoutVolatile(object: KubeObject): Record<string, unknown> {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = object.metadata;
  return { ...object, metadata: meta };
}

export /** managedFields equal but for timestamps (the real server drops timestamp-only managedFields changes). */
function sameManagedFields(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) =>
    ((o.metadata.managedFields ?? []) as Record<string, unknown>[]).map(({ time: _t, ...entry }) => entry);
  return sameJson(strip(a), strip(b));
}

// selfLink is no longer populated by the real server: a stored object never carries it.
const META_ORDER = OBJECT_META_FIELD_ORDER.filter((key) => key !== 'selfLink');

/** Fields in the order the real server serialises them (apiVersion, kind, metadata, spec…, status last). */
export function canonicalOrder(object: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, status, ...rest } = object;
  const meta: Record<string, unknown> = {};
  for (const key of META_ORDER)
    if ((metadata as Record<string, unknown>)[key] !== undefined)
      meta[key] = (metadata as Record<string, unknown>)[key];
  const ordered: KubeObject = { apiVersion, kind, metadata: meta, ...rest };
  if (status !== undefined) ordered.status = status;
  return ordered;
}
