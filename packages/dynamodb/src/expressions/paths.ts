// Document paths: reading them out of items, printing them as DynamoDB does in messages ([a, b, [1]]), the
// overlap/conflict rule shared by projections and updates, and projecting items onto a set of paths.
import type { AttributeValue, Item } from '../model/index.js';
import { validation } from '../errors.js';
import type { DocumentPath } from './index.js';
import { attributeOf, setAttribute } from '../model/attribute-map.js';

/** The value at a path, or undefined when any step is missing or of the wrong shape. */
export function getPath(item: Item | undefined, path: DocumentPath): AttributeValue | undefined {
  if (item === undefined) return undefined;
  let cur: AttributeValue | undefined = attributeOf(item, path[0] as string);
  for (let i = 1; i < path.length && cur !== undefined; i++) {
    const el = path[i]!;
    if (typeof el === 'number') cur = 'L' in cur ? cur.L[el] : undefined;
    else cur = 'M' in cur ? attributeOf(cur.M, el) : undefined;
  }
  return cur;
}

/** A specialised reader for one path: the top-level case (most common) without a loop. */
export function pathReader(path: DocumentPath): (item: Item | undefined) => AttributeValue | undefined {
  const first = path[0] as string;
  if (path.length === 1) return (item) => (item === undefined ? undefined : attributeOf(item, first));
  return (item) => getPath(item, path);
}

export function pathText(path: DocumentPath): string {
  return '[' + path.map((el) => (typeof el === 'number' ? `[${el}]` : el)).join(', ') + ']';
}

/** DynamoDB's rule: two paths in one projection or update may neither be a prefix of one another (overlap) nor
 *  diverge from a name to an index at the same step (conflict). Overlap is reported before conflict. */
export function checkPathsDisjoint(kind: string, paths: DocumentPath[]): void {
  let conflict: string | undefined;
  for (let j = 1; j < paths.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = paths[i]!;
      const b = paths[j]!;
      let k = 0;
      let verdict: 'overlap' | 'conflict' | undefined = 'overlap';
      for (; k < a.length && k < b.length; k++) {
        if (typeof a[k] !== typeof b[k]) {
          verdict = 'conflict';
          break;
        }
        if (a[k] !== b[k]) {
          verdict = undefined;
          break;
        }
      }
      if (verdict === 'overlap') {
        throw validation(
          `Invalid ${kind}: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${pathText(a)}, path two: ${pathText(b)}`,
        );
      }
      if (verdict === 'conflict' && conflict === undefined) {
        conflict = `Invalid ${kind}: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${pathText(a)}, path two: ${pathText(b)}`;
      }
    }
  }
  if (conflict !== undefined) throw validation(conflict);
}

interface ProjectionNode {
  leaf: boolean;
  names?: Map<string, ProjectionNode>;
  indexes?: Map<number, ProjectionNode>;
}

function buildTree(paths: DocumentPath[]): ProjectionNode {
  const root: ProjectionNode = { leaf: false };
  for (const path of paths) {
    let node = root;
    for (const el of path) {
      let next: ProjectionNode | undefined;
      if (typeof el === 'number') {
        node.indexes ??= new Map();
        next = node.indexes.get(el);
        if (!next) node.indexes.set(el, (next = { leaf: false }));
      } else {
        node.names ??= new Map();
        next = node.names.get(el);
        if (!next) node.names.set(el, (next = { leaf: false }));
      }
      node = next;
    }
    node.leaf = true;
  }
  return root;
}

function projectValue(value: AttributeValue, node: ProjectionNode): AttributeValue | undefined {
  if (node.leaf) return value;
  if (node.names && 'M' in value) {
    const m = projectMap(value.M, node.names);
    return m === undefined ? undefined : { M: m };
  }
  if (node.indexes && 'L' in value) {
    // Selected elements keep their order and close up, as DynamoDB returns them.
    const out: AttributeValue[] = [];
    const indexes = [...node.indexes.keys()].sort((x, y) => x - y);
    for (const i of indexes) {
      const el = value.L[i];
      if (el === undefined) continue;
      const projected = projectValue(el, node.indexes.get(i)!);
      if (projected !== undefined) out.push(projected);
    }
    return out.length ? { L: out } : undefined;
  }
  return undefined;
}

function projectMap(map: Item, names: Map<string, ProjectionNode>): Item | undefined {
  let out: Item | undefined;
  for (const [name, child] of names) {
    const v = attributeOf(map, name);
    if (v === undefined) continue;
    const projected = projectValue(v, child);
    if (projected !== undefined) setAttribute((out ??= {}), name, projected);
  }
  return out;
}

/** A function projecting items onto paths (missing paths are left out; lists close up). */
export function projector(paths: DocumentPath[]): (item: Item) => Item {
  const tree = buildTree(paths);
  const names = tree.names ?? new Map<string, ProjectionNode>();
  const allTopLevel = paths.every((p) => p.length === 1);
  if (allTopLevel) {
    const keys = [...names.keys()];
    return (item) => {
      const out: Item = {};
      for (const k of keys) {
        const v = attributeOf(item, k);
        if (v !== undefined) setAttribute(out, k, v);
      }
      return out;
    };
  }
  return (item) => projectMap(item, names) ?? {};
}

/** Projects an item onto arbitrary paths (e.g. an update's updatedPaths for UPDATED_OLD/UPDATED_NEW). */
export function projectPaths(item: Item, paths: DocumentPath[]): Item {
  return projector(paths)(item);
}
