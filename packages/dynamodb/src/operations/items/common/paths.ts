// Projecting an item onto document paths (ReturnValues UPDATED_OLD / UPDATED_NEW): nested map members and list
// elements are kept at their place, lists compacted in index order, as DynamoDB returns them.
import { attributeOf, setAttribute } from '../../../model/attribute-map.js';
import type { AttributeValue, Item } from '../../../model/index.js';
import type { DocumentPath } from '../../../expressions/index.js';

interface Node {
  whole: boolean;
  children: Map<string | number, Node>;
}

const newNode = (): Node => ({ whole: false, children: new Map() });

function materialize(value: AttributeValue, node: Node): AttributeValue | undefined {
  if (node.whole || node.children.size === 0) return value;
  if ('M' in value) {
    const m: Item = {};
    let any = false;
    for (const [k, child] of node.children) {
      if (typeof k !== 'string') continue;
      const v = attributeOf(value.M, k);
      if (v === undefined) continue;
      const p = materialize(v, child);
      if (p !== undefined) {
        setAttribute(m, k, p);
        any = true;
      }
    }
    return any ? { M: m } : undefined;
  }
  if ('L' in value) {
    const l: AttributeValue[] = [];
    const idx = [...node.children.keys()].filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
    for (const i of idx) {
      const v = value.L[i];
      if (v === undefined) continue;
      const p = materialize(v, node.children.get(i)!);
      if (p !== undefined) l.push(p);
    }
    return l.length ? { L: l } : undefined;
  }
  return undefined;
}

export function projectPaths(item: Item, paths: readonly DocumentPath[]): Item {
  const root = new Map<string, Node>();
  for (const path of paths) {
    const head = String(path[0]);
    let node = root.get(head);
    if (!node) root.set(head, (node = newNode()));
    for (let i = 1; i < path.length && !node.whole; i++) {
      let child = node.children.get(path[i]!);
      if (!child) node.children.set(path[i]!, (child = newNode()));
      node = child;
    }
    node.whole = true;
  }
  const out: Item = {};
  for (const [name, node] of root) {
    const v = attributeOf(item, name);
    if (v === undefined) continue;
    const p = materialize(v, node);
    if (p !== undefined) setAttribute(out, name, p);
  }
  return out;
}
