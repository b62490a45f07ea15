// Strategic merge patch for built-in kinds (what kubectl apply/patch send for Namespaces, ConfigMaps, ...):
// a JSON merge patch where lists with patch strategy "merge" are merged (by x-kubernetes-patch-merge-key for
// lists of objects, as sets for primitives), plus the directives $patch (replace|delete|merge),
// $retainKeys, $setElementOrder/<list> and $deleteFromPrimitiveList/<list>.
import { badRequest } from '../errors.js';
import { ownValue, setOwn } from '../own-keys.js';
import type { SchemaNode } from './schema-node.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';
const DELETED = Symbol('deleted');

export function strategicMergePatch(original: unknown, patch: unknown, schema: SchemaNode): unknown {
  if (!isObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  const merged = mergeMap(isObject(original) ? original : {}, patch, schema);
  return merged === DELETED ? {} : merged;
}

/** Removes directive keys from a value that is inserted as is (no original to merge with). */
function clean(value: unknown): unknown {
  if (Array.isArray(value))
    return value.filter((v) => !(isObject(v) && v.$patch !== undefined && Object.keys(v).length === 1)).map(clean);
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM)) continue;
    if (v === null) continue;
    setOwn(out, k, clean(v));
  }
  return out;
}

function mergeMap(original: Obj, patch: Obj, schema: SchemaNode): Obj | typeof DELETED {
  const directive = patch.$patch;
  if (directive === 'delete') return DELETED;
  if (directive === 'replace') return clean(patch) as Obj;
  if (directive !== undefined && directive !== 'merge')
    // not String(): a directive such as {"toString": 1} would have String() call data
    throw badRequest(`Unknown patch type: ${typeof directive === 'string' ? directive : JSON.stringify(directive)}`);

  let result: Obj = { ...original };
  const retain = patch.$retainKeys;
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw badRequest('$retainKeys must be a list');
    result = Object.fromEntries(Object.entries(result).filter(([k]) => retain.includes(k)));
  }
  const orders: [string, unknown[]][] = [];
  const deletions: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      orders.push([key.slice(SET_ORDER.length), asList(value)]);
      continue;
    }
    if (key.startsWith(DELETE_FROM)) {
      deletions.push([key.slice(DELETE_FROM.length), asList(value)]);
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const child = schema.field(key);
    const existing = ownValue(result, key);
    if (isObject(value)) {
      if (child.atomicMap() || child.patchStrategies().includes('replace')) {
        setOwn(result, key, clean(value));
        continue;
      }
      const merged = mergeMap(isObject(existing) ? existing : {}, value, child);
      if (merged === DELETED) delete result[key];
      else setOwn(result, key, merged);
    } else if (Array.isArray(value)) {
      setOwn(result, key, mergeList(Array.isArray(existing) ? existing : [], value, child));
    } else {
      setOwn(result, key, value);
    }
  }
  for (const [key, values] of deletions) {
    const list = ownValue(result, key);
    if (Array.isArray(list)) {
      const doomed = new Set(values.map(valueKey));
      setOwn(
        result,
        key,
        list.filter((v) => !doomed.has(valueKey(v))),
      );
    }
  }
  for (const [key, order] of orders) {
    const list = ownValue(result, key);
    if (Array.isArray(list)) setOwn(result, key, reorder(list, order, schema.field(key).patchMergeKey()));
  }
  return result;
}

const asList = (v: unknown): unknown[] => {
  if (!Array.isArray(v)) throw badRequest('strategic merge directive value must be a list');
  return v;
};
/** A value as a comparable string (`undefined`, which JSON cannot encode, compares equal only to itself). */
const valueKey = (v: unknown): string => (v === undefined ? '\u0000undefined' : JSON.stringify(v));

function mergeList(original: unknown[], patch: unknown[], schema: SchemaNode): unknown[] {
  if (!schema.patchStrategies().includes('merge')) return clean(patch) as unknown[];
  if (patch.some((item) => isObject(item) && item.$patch === 'replace')) {
    return clean(patch.filter((item) => !(isObject(item) && item.$patch === 'replace'))) as unknown[];
  }
  const mergeKey = schema.patchMergeKey();
  if (!mergeKey) {
    // A primitive list with the merge strategy is a set: union in order of first appearance. Membership by
    // value through a Set: lists of thousands of items must not cost millions of comparisons.
    const out = [...original];
    const present = new Set(out.map(valueKey));
    for (const item of patch) {
      const key = valueKey(item);
      if (present.has(key)) continue;
      present.add(key);
      out.push(clean(item));
    }
    return out;
  }
  const itemSchema = schema.item();
  const out: unknown[] = [...original];
  // where each merge key value sits in `out` (first occurrence first), kept up to date as items come and go
  const positions = new Map<string, number[]>();
  const at = (key: string) => positions.get(key)?.[0];
  out.forEach((o, i) => {
    if (!isObject(o)) return;
    const key = valueKey(ownValue(o, mergeKey));
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const removed = new Set<number>();
  const remove = (key: string) => {
    const index = positions.get(key)!.shift()!;
    removed.add(index);
  };
  for (const item of patch) {
    if (!isObject(item)) throw badRequest(`list items must be objects with merge key "${mergeKey}"`);
    const key = valueKey(ownValue(item, mergeKey));
    const index = at(key);
    if (item.$patch === 'delete') {
      if (index !== undefined) remove(key);
      continue;
    }
    if (index === undefined) {
      positions.set(key, [out.length]);
      out.push(clean(item));
      continue;
    }
    const merged = mergeMap(out[index] as Obj, item, itemSchema);
    if (merged === DELETED) remove(key);
    else out[index] = merged;
  }
  return removed.size ? out.filter((_, i) => !removed.has(i)) : out;
}

/** $setElementOrder: listed elements first in the given order, the rest keep their relative order after them. */
function reorder(list: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
  const keyOf = (v: unknown) => valueKey(mergeKey && isObject(v) ? ownValue(v, mergeKey) : v);
  const wanted = new Map<string, number>();
  order.forEach((v, i) => {
    const key = keyOf(v);
    if (!wanted.has(key)) wanted.set(key, i);
  });
  const ranked = list.map((v, i) => ({ v, i, rank: wanted.get(keyOf(v)) ?? Number.MAX_SAFE_INTEGER }));
  return ranked.sort((a, b) => a.rank - b.rank || a.i - b.i).map((x) => x.v);
}
