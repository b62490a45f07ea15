// Applies one item write (put or delete) to the table entry, every index entry and the stats. Must run inside a
// write transaction (store.writes.run). Each request there is a child transaction that a throw rolls back, but
// callers still check every condition first and only then call applyItemWrite: a request's checks never cost a
// half-done write.
import { valuesEqual, type Item } from '../model/index.js';
import { itemSize, pageItemSize } from '../model/index.js';
import type { Store } from './store.js';
import type { IndexMeta, TableMeta } from './types.js';
import { indexEntryKey, indexPrefix, pick } from './items-keys.js';
import { storedText, type StoredItem } from './item-codec.js';

/** Indexes whose entries a write maintains (a DELETING index is being dropped). */
export function liveIndexes(table: TableMeta): IndexMeta[] {
  const out: IndexMeta[] = [];
  for (const i of table.LocalSecondaryIndexes) if (i.IndexStatus !== 'DELETING') out.push(i);
  for (const i of table.GlobalSecondaryIndexes) if (i.IndexStatus !== 'DELETING') out.push(i);
  return out;
}

/** Attribute names an index entry keeps (undefined = all). */
export function projectedNames(table: TableMeta, index: IndexMeta): string[] | undefined {
  const p = index.Projection;
  if (p.ProjectionType === 'ALL') return undefined;
  const names = [table.key.hash.name];
  if (table.key.range) names.push(table.key.range.name);
  for (const n of [index.key.hash.name, index.key.range?.name]) if (n && !names.includes(n)) names.push(n);
  if (p.ProjectionType === 'INCLUDE') for (const n of p.NonKeyAttributes ?? []) if (!names.includes(n)) names.push(n);
  return names;
}

/** The item as an index stores it. */
export function projectForIndex(table: TableMeta, index: IndexMeta, item: Item): Item {
  const names = projectedNames(table, index);
  return names ? pick(item, names) : item;
}

/** The stored text of a table or index entry: both size headers (the page size counts the table's sort key). */
export const entryText = (table: TableMeta, item: Item, size: number): StoredItem =>
  storedText(item, size, pageItemSize(item, table.key.range?.name));

/** Stats changes accumulated during one transaction, written once at its end. */
export class StatsDelta {
  private readonly deltas = new Map<number, Map<number, { count: number; bytes: number }>>();

  add(tableId: number, indexId: number, count: number, bytes: number): void {
    let t = this.deltas.get(tableId);
    if (!t) this.deltas.set(tableId, (t = new Map()));
    const d = t.get(indexId);
    if (d) {
      d.count += count;
      d.bytes += bytes;
    } else t.set(indexId, { count, bytes });
  }

  /** Applies the accumulated changes; call inside the same transaction, after the writes. */
  flush(store: Store): void {
    for (const [tableId, byIndex] of this.deltas) {
      for (const [indexId, d] of byIndex) {
        if (d.count === 0 && d.bytes === 0) continue;
        const key = indexPrefix(tableId, indexId);
        const cur = store.stats.get(key) ?? { count: 0, bytes: 0 };
        const next = { count: Math.max(0, cur.count + d.count), bytes: Math.max(0, cur.bytes + d.bytes) };
        if (next.count === 0) void store.stats.remove(key);
        else void store.stats.put(key, next);
      }
    }
    this.deltas.clear();
  }
}

/** Write units an index spent, by index name (for ReturnConsumedCapacity INDEXES). */
export type IndexWriteUnits = Map<IndexMeta, number>;

export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

function sameProjection(names: string[], a: Item, b: Item): boolean {
  for (const n of names) {
    const x = a[n],
      y = b[n];
    if (x === undefined || y === undefined) {
      if (x !== y) return false;
    } else if (!valuesEqual(x, y)) return false;
  }
  return true;
}

export interface ItemWrite {
  key: Buffer;
  oldItem: Item | undefined;
  newItem: Item | undefined;
  /** itemSize of oldItem/newItem when the caller knows them already (0 when absent). */
  oldSize?: number;
  newSize?: number;
  /** The stored text of newItem; applyItemWrite fills it in, so the caller can hand it on (ItemChange.newText). */
  newText?: StoredItem;
}

/** Writes the table entry, index entries and stats deltas of one item change. Returns per-index write units. */
export function applyItemWrite(
  store: Store,
  table: TableMeta,
  w: ItemWrite,
  stats: StatsDelta,
): IndexWriteUnits | undefined {
  const { oldItem, newItem } = w;
  const oldSize = oldItem ? (w.oldSize ?? itemSize(oldItem)) : 0;
  const newSize = newItem ? (w.newSize ?? itemSize(newItem)) : 0;
  if (newItem) void store.rawItems.put(w.key, (w.newText ??= entryText(table, newItem, newSize)));
  else if (oldItem) void store.items.remove(w.key);
  stats.add(table.id, 0, (newItem ? 1 : 0) - (oldItem ? 1 : 0), newSize - oldSize);

  let units: IndexWriteUnits | undefined;
  for (const index of liveIndexes(table)) {
    const oldKey = oldItem && indexEntryKey(table, index, oldItem);
    const newKey = newItem && indexEntryKey(table, index, newItem);
    if (!oldKey && !newKey) continue;
    const names = projectedNames(table, index);
    const sameKey = !!oldKey && !!newKey && oldKey.equals(newKey);
    if (sameKey && names && sameProjection(names, oldItem!, newItem!)) continue; // entry unchanged: no index write
    let spent = 0;
    let oldProjSize = 0;
    if (oldKey) {
      oldProjSize = names ? itemSize(pick(oldItem!, names)) : oldSize;
      if (!sameKey) {
        void store.items.remove(oldKey);
        stats.add(table.id, index.id, -1, -oldProjSize);
        spent += writeUnits(oldProjSize);
      }
    }
    if (newKey) {
      const projected = names ? pick(newItem!, names) : newItem!;
      const projSize = names ? itemSize(projected) : newSize;
      void store.rawItems.put(newKey, entryText(table, projected, projSize));
      if (sameKey) stats.add(table.id, index.id, 0, projSize - oldProjSize);
      else stats.add(table.id, index.id, 1, projSize);
      spent += writeUnits(projSize);
    }
    (units ??= new Map()).set(index, spent);
  }
  return units;
}
