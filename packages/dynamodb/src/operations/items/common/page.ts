// One page of a Query or Scan: walks a key range of the table or an index in storage order, stops at Limit
// items evaluated or once 1 MB was read (both before the filter, as DynamoDB does), then filters and projects.
// Cost per item is flat: the range starts at the ExclusiveStartKey directly (no skipping).
import type { DynamoDBEngine } from '../../../engine.js';
import { validation } from '../../../errors.js';
import type { CompiledCondition } from '../../../expressions/index.js';
import { type Item } from '../../../model/index.js';
import { itemSize } from '../../../model/index.js';
import { entryKeyNames, fitKey, pick, tableItemKey } from '../../../storage/items-keys.js';
import { projectedNames } from '../../../storage/items-write.js';
import type { IndexMeta, TableMeta } from '../../../storage/types.js';
import { CapacityMeter, readUnitsFor } from './capacity.js';
import type { Projector } from './expressions.js';

const MAX_PAGE_BYTES = 1024 * 1024;

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

export interface ReadPlan {
  countOnly: boolean;
  /** An LSI read that needs attributes the index does not project: each item is fetched from the table. */
  fetchFromTable: boolean;
  projector: Projector | undefined;
}

/** Resolves Select against the projection request and the index, with DynamoDB's errors. */
export function planRead(
  input: { Select?: Select; AttributesToGet?: string[]; ConsistentRead?: boolean },
  table: TableMeta,
  index: IndexMeta | undefined,
  projector: Projector | undefined,
  filter: CompiledCondition | undefined,
): ReadPlan {
  if (index?.kind === 'GSI' && input.ConsistentRead) throw validation('Consistent reads are not supported on global secondary indexes');
  const member = input.AttributesToGet ? 'AttributesToGet' : 'ProjectionExpression';
  if (projector && input.Select !== undefined && input.Select !== 'SPECIFIC_ATTRIBUTES') {
    throw validation(input.Select === 'COUNT'
      ? `Cannot specify the ${member} when choosing to get only the Count`
      : `Cannot specify the ${member} when choosing to get ${input.Select}`);
  }
  const select: Select = input.Select ?? (projector ? 'SPECIFIC_ATTRIBUTES' : index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (select === 'SPECIFIC_ATTRIBUTES' && !projector) throw validation('Must specify the AttributesToGet when choosing to get SPECIFIC_ATTRIBUTES');
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !index) throw validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  const projected = index ? projectedNames(table, index) : undefined;
  let fetchFromTable = false;
  if (index && projected) {
    if (select === 'ALL_ATTRIBUTES') {
      if (index.kind === 'GSI') {
        throw validation(`One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.IndexName} because its projection type is not ALL`);
      }
      fetchFromTable = true;
    }
    if (projector) {
      const missing = projector.topNames.filter((n) => !projected.includes(n));
      if (missing.length > 0) {
        if (index.kind === 'GSI') {
          throw validation(`One or more parameter values were invalid: Global secondary index ${index.IndexName} does not project [${missing.join(', ')}]`);
        }
        fetchFromTable = true;
      }
    }
    // A filter on an LSI may read attributes the index lacks; DynamoDB then reads them from the table.
    if (filter && index.kind === 'LSI') fetchFromTable = true;
  }
  return { countOnly: select === 'COUNT', fetchFromTable, projector };
}

export interface PageRange {
  /** Inclusive lower bound. */
  lower: Buffer;
  /** Exclusive upper bound. */
  upper: Buffer;
  reverse: boolean;
  /** Storage key of the ExclusiveStartKey. */
  after?: Buffer;
}

export interface PageResult {
  Items?: Item[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: Item;
  meter: CapacityMeter;
}

export function readPage(
  engine: DynamoDBEngine,
  table: TableMeta,
  index: IndexMeta | undefined,
  range: PageRange,
  plan: ReadPlan,
  opts: { limit?: number; filter?: CompiledCondition; consistent: boolean },
): PageResult {
  const { store } = engine;
  const lower = fitKey(range.lower);
  const upper = fitKey(range.upper);
  let iter;
  if (!range.reverse) {
    const after = range.after && Buffer.compare(range.after, lower) >= 0 ? range.after : undefined;
    iter = store.items.getRange({ start: after ?? lower, end: upper, exclusiveStart: after !== undefined });
  } else {
    const before = range.after && Buffer.compare(range.after, upper) < 0 ? range.after : upper;
    iter = store.items.getRange({ start: before, end: lower, reverse: true, exclusiveStart: true, inclusiveEnd: true });
  }
  const items: Item[] = [];
  let count = 0;
  let scanned = 0;
  let bytes = 0;
  let tableBytes = 0;
  let lastEvaluated: Item | undefined;
  for (const { value } of iter) {
    scanned++;
    bytes += itemSize(value);
    let item = value;
    if (plan.fetchFromTable) {
      const full = store.items.get(tableItemKey(table, value));
      if (full) { item = full; tableBytes += itemSize(full); }
    }
    if (!opts.filter || opts.filter.evaluate(item)) {
      count++;
      if (!plan.countOnly) items.push(plan.projector ? plan.projector.apply(item) : item);
    }
    if ((opts.limit !== undefined && scanned >= opts.limit) || bytes >= MAX_PAGE_BYTES) {
      lastEvaluated = pick(value, entryKeyNames(table, index));
      break;
    }
  }
  const meter = new CapacityMeter(table);
  const units = readUnitsFor(bytes, opts.consistent);
  if (index) meter.addIndex(index, units); else meter.addTable(units);
  if (tableBytes > 0) meter.addTable(readUnitsFor(tableBytes, opts.consistent));
  const result: PageResult = { Count: count, ScannedCount: scanned, meter };
  if (!plan.countOnly) result.Items = items;
  if (lastEvaluated) result.LastEvaluatedKey = lastEvaluated;
  return result;
}

/** The Query/Scan answer for a page, members in DynamoDB's order. */
export function pageResponse(page: ReturnType<typeof readPage>, returnConsumedCapacity: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (page.Items) out.Items = page.Items;
  out.Count = page.Count;
  out.ScannedCount = page.ScannedCount;
  if (page.LastEvaluatedKey) out.LastEvaluatedKey = page.LastEvaluatedKey;
  const consumed = page.meter.report(returnConsumedCapacity as Parameters<typeof page.meter.report>[0]);
  if (consumed) out.ConsumedCapacity = consumed;
  return out;
}
