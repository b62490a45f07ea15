// Lazy status transitions: what a stored table record looks like once its pending CREATING/UPDATING/DELETING
// phases are over. Pure, so the catalog can apply it on read and persist the result.
import type { AttributeDefinition } from '../model/index.js';
import type { IndexMeta, TableMeta } from './types.js';

const settled = (settlesAt: number | undefined, now: number) => settlesAt === undefined || settlesAt <= now;

/** True when some phase of the table or one of its indexes has ended but the record still shows it. */
export function needsSettling(table: TableMeta, now: number): boolean {
  if (table.TableStatus !== 'ACTIVE' && table.settlesAt !== undefined && table.settlesAt <= now) return true;
  for (const index of table.GlobalSecondaryIndexes) {
    if (index.IndexStatus !== 'ACTIVE' && settled(index.settlesAt, now)) return true;
  }
  for (const index of table.LocalSecondaryIndexes) {
    if (index.IndexStatus !== 'ACTIVE' && settled(index.settlesAt, now)) return true;
  }
  return false;
}

/** The record after every elapsed phase; undefined when the table finished DELETING (it is gone). */
export function settle(table: TableMeta, now: number): TableMeta | undefined {
  if (!needsSettling(table, now)) return table;
  const next: TableMeta = structuredClone(table);
  if (next.TableStatus !== 'ACTIVE' && next.settlesAt !== undefined && next.settlesAt <= now) {
    if (next.TableStatus === 'DELETING') return undefined;
    next.TableStatus = 'ACTIVE';
    delete next.settlesAt;
  }
  const before = next.GlobalSecondaryIndexes.length;
  next.GlobalSecondaryIndexes = next.GlobalSecondaryIndexes.flatMap((index) => settleIndex(index, now));
  next.LocalSecondaryIndexes = next.LocalSecondaryIndexes.flatMap((index) => settleIndex(index, now));
  // DynamoDB prunes attribute definitions no remaining key uses once a deleted index is gone.
  if (next.GlobalSecondaryIndexes.length !== before) next.AttributeDefinitions = usedDefinitions(next);
  return next;
}

function settleIndex(index: IndexMeta, now: number): IndexMeta[] {
  if (index.IndexStatus === 'ACTIVE' || !settled(index.settlesAt, now)) return [index];
  if (index.IndexStatus === 'DELETING') return [];
  const next = { ...index, IndexStatus: 'ACTIVE' as const };
  delete next.settlesAt;
  delete next.Backfilling;
  return [next];
}

/** The attribute definitions still used by the table key or an index key. */
export function usedDefinitions(table: TableMeta): AttributeDefinition[] {
  const used = new Set<string>(table.KeySchema.map((k) => k.AttributeName));
  for (const index of [...table.GlobalSecondaryIndexes, ...table.LocalSecondaryIndexes]) {
    for (const k of index.KeySchema) used.add(k.AttributeName);
  }
  return table.AttributeDefinitions.filter((d) => used.has(d.AttributeName));
}
