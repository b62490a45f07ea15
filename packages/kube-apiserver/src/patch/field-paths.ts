// Field sets of object values (what a manager sets) and of the difference between two objects, following
// the schema's list/map semantics, plus path navigation over objects.
import { ownValue } from '../own-keys.js';
import { goJson } from './go-json.js';
import { FieldSet, type FieldPath } from './field-set.js';
import type { SchemaNode } from './schema-node.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const deepEqual = (a: unknown, b: unknown): boolean => goJson(a) === goJson(b);

export function keyElement(item: unknown, keys: string[]): string {
  const picked: Obj = {};
  for (const k of keys) if (isObject(item) && ownValue(item, k) !== undefined) picked[k] = ownValue(item, k);
  return `k:${goJson(picked)}`;
}
const valueElement = (v: unknown) => `v:${goJson(v)}`;

/** The fields an applied configuration sets (structured-merge-diff ToFieldSet): leaves, list items, atomic nodes. */
export function appliedFieldSet(value: unknown, schema: SchemaNode): FieldSet {
  const set = new FieldSet();
  const walk = (v: unknown, s: SchemaNode, path: FieldPath) => {
    if (isObject(v)) {
      if (s.atomicMap()) {
        set.insert(path);
        return;
      }
      for (const [k, child] of Object.entries(v)) walk(child, s.field(k), [...path, `f:${k}`]);
    } else if (Array.isArray(v)) {
      const type = s.listType();
      if (type === 'atomic') {
        set.insert(path);
        return;
      }
      for (const item of v) {
        const el = type === 'set' ? valueElement(item) : keyElement(item, s.listKeys());
        set.insert([...path, el]);
        if (type === 'map') walk(item, s.item(), [...path, el]);
      }
    } else {
      set.insert(path);
    }
  };
  walk(value, schema, []);
  return set;
}

/** Every node of a subtree, the subtree root included (what an Update "adds" or "removes"). */
function allNodes(value: unknown, schema: SchemaNode, path: FieldPath, into: FieldSet): void {
  into.insert(path);
  if (isObject(value) && !schema.atomicMap()) {
    for (const [k, child] of Object.entries(value)) allNodes(child, schema.field(k), [...path, `f:${k}`], into);
  } else if (Array.isArray(value) && schema.listType() !== 'atomic') {
    const type = schema.listType();
    for (const item of value) {
      const el = type === 'set' ? valueElement(item) : keyElement(item, schema.listKeys());
      if (type === 'map') allNodes(item, schema.item(), [...path, el], into);
      else into.insert([...path, el]);
    }
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export function compareObjects(before: unknown, after: unknown, schema: SchemaNode): Comparison {
  const result: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const walk = (a: unknown, b: unknown, s: SchemaNode, path: FieldPath) => {
    if (a === undefined && b === undefined) return;
    if (a === undefined) return allNodes(b, s, path, result.added);
    if (b === undefined) return allNodes(a, s, path, result.removed);
    if (isObject(a) && isObject(b) && !s.atomicMap()) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
        walk(ownValue(a, k), ownValue(b, k), s.field(k), [...path, `f:${k}`]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && s.listType() !== 'atomic') {
      const type = s.listType();
      const elementOf = (item: unknown) => (type === 'set' ? valueElement(item) : keyElement(item, s.listKeys()));
      const before = new Map(a.map((item) => [elementOf(item), item]));
      const after = new Map(b.map((item) => [elementOf(item), item]));
      for (const el of new Set([...before.keys(), ...after.keys()])) {
        if (type === 'set') {
          if (!before.has(el)) result.added.insert([...path, el]);
          else if (!after.has(el)) result.removed.insert([...path, el]);
        } else {
          walk(before.get(el), after.get(el), s.item(), [...path, el]);
        }
      }
      return;
    }
    if (!deepEqual(a, b)) result.modified.insert(path);
  };
  walk(before, after, schema, []);
  return result;
}

/** The value at a field path, undefined when absent. */
export function valueAt(obj: unknown, path: FieldPath): unknown {
  let current: unknown = obj;
  for (const el of path) {
    if (current === undefined) return undefined;
    current = step(current, el);
  }
  return current;
}

function step(current: unknown, el: string): unknown {
  const kind = el.slice(0, 2);
  const rest = el.slice(2);
  if (kind === 'f:') return isObject(current) ? ownValue(current, rest) : undefined;
  if (!Array.isArray(current)) return undefined;
  if (kind === 'v:') return current.find((v) => goJson(v) === rest);
  if (kind === 'k:') {
    const keys = JSON.parse(rest) as Obj;
    return current.find(
      (item) => isObject(item) && Object.entries(keys).every(([k, v]) => deepEqual(ownValue(item, k), v)),
    );
  }
  if (kind === 'i:') return current[Number(rest)];
  return undefined;
}

/** Removes the node at each path (deepest first); a path whose parent is already gone is skipped. */
export function removePaths(obj: Obj, paths: FieldPath[]): Obj {
  const result = structuredClone(obj);
  for (const path of [...paths].sort((x, y) => y.length - x.length)) {
    const parent = valueAt(result, path.slice(0, -1));
    const last = path[path.length - 1]!;
    if (isObject(parent) && last.startsWith('f:')) delete parent[last.slice(2)];
    else if (Array.isArray(parent)) {
      const target = step(parent, last);
      const at = parent.indexOf(target);
      if (target !== undefined && at >= 0) parent.splice(at, 1);
    }
  }
  return result;
}
