// One page of a Query or Scan: walks a key range of the table or an index in storage order, stops at Limit
// items evaluated or once the items read measure 1 MB (both before the filter, as DynamoDB does), then filters and
// projects. The 1 MB counts items as DynamoDB stores them (model/page-size.ts), the item crossing it included;
// read capacity counts their item sizes, summed over the page and rounded up to 4 KB once.
// Cost per item is flat: the range starts at the ExclusiveStartKey directly (no skipping).
import type { DynamoDBEngine } from '../../../engine.js';
import { validation } from '../../../errors.js';
import type { CompiledCondition } from '../../../expressions/index.js';
import { type Item } from '../../../model/index.js';
import { itemSize, pageItemSize } from '../../../model/index.js';
import { decodeStored, storedJson, storedPageSize, storedSize } from '../../../storage/item-codec.js';
import { getItem, itemsInRange, storedItemsInRange, type PageRange } from '../../../storage/item-reads.js';
import { entryKeyNames, pick, tableItemKey } from '../../../storage/items-keys.js';
import { projectedNames } from '../../../storage/items-write.js';
import type { IndexMeta, TableMeta } from '../../../storage/types.js';
import { CapacityMeter, readUnitsFor } from './capacity.js';
import type { Projector } from './expressions.js';
import { wireBody, type WireBody } from '../../wire-body.js';

const MAX_PAGE_BYTES = 1024 * 1024;

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

export interface ReadPlan {
  countOnly: boolean;
  /** An LSI read that needs attributes the index does not project: each item is fetched from the table. */
  fetchFromTable: boolean;
  /** Select ALL_ATTRIBUTES: a fetched table item is returned whole, else (ALL_PROJECTED_ATTRIBUTES) the index's. */
  wholeItems: boolean;
  projector: Projector | undefined;
}

/** Resolves Select against the projection request and the index, with DynamoDB's errors. `filterNames`: the
 *  top-level attributes a Query's filter reads (the index must project them). */
export function planRead(
  input: { Select?: Select; AttributesToGet?: string[]; ConsistentRead?: boolean },
  table: TableMeta,
  index: IndexMeta | undefined,
  projector: Projector | undefined,
  filter: CompiledCondition | undefined,
  operation: 'Query' | 'Scan' = 'Scan',
  filterNames: Iterable<string> = [],
): ReadPlan {
  if (index?.kind === 'GSI' && input.ConsistentRead)
    throw validation('Consistent reads are not supported on global secondary indexes');
  const select = resolveSelect(input, index, projector !== undefined, operation);
  const projected = index ? projectedNames(table, index) : undefined;
  let fetchFromTable = false;
  if (index && projected) {
    if (select === 'ALL_ATTRIBUTES') {
      if (index.kind === 'GSI') {
        throw validation(
          `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.IndexName} because its projection type is not ALL`,
        );
      }
      fetchFromTable = true;
    }
    if (projector) {
      const missing = projector.topNames.filter((n) => !projected.includes(n));
      if (missing.length > 0) {
        if (index.kind === 'GSI') {
          throw validation(
            `One or more parameter values were invalid: Global secondary index ${index.IndexName} does not project [${missing.join(', ')}]`,
          );
        }
        fetchFromTable = true;
      }
    }
    // A Query filter may read only what the index holds, on a GSI as on an LSI: DynamoDB's answer quoted in
    // sensedeep/dynamodb-onetable#377 (GSI); DynamoDB Local's QueryFunction checks every index and sorts the names;
    // paritysuite records the same wording for an LSI (PartiQL). Scan passes no names: unrecorded, see below.
    const unprojected = [...new Set(filterNames)].filter((n) => !projected.includes(n)).sort();
    if (unprojected.length > 0) {
      throw validation(
        `One or more parameter values were invalid: Secondary index ${index.IndexName} does not project one or more filter attributes: [${unprojected.join(', ')}]`,
      );
    }
    // A Scan filter on an LSI may read attributes the index lacks; ack-local then reads them from the table.
    if (filter && index.kind === 'LSI') fetchFromTable = true;
  }
  return { countOnly: select === 'COUNT', fetchFromTable, wholeItems: select === 'ALL_ATTRIBUTES', projector };
}

/** The Select in effect (the default follows the API reference: SPECIFIC_ATTRIBUTES with a projection, else
 *  ALL_PROJECTED_ATTRIBUTES on an index, ALL_ATTRIBUTES on a table) and the errors of contradictory requests.
 *  Query words them inside the validation envelope, Scan bare: moto tests/test_dynamodb/test_dynamodb_select.py
 *  (aws_verified, run against DynamoDB) and ExtendDB tests/test_wording_parity_validation.py (us-east-1, 2026). */
function resolveSelect(
  input: { Select?: Select; AttributesToGet?: string[] },
  index: IndexMeta | undefined,
  hasProjection: boolean,
  operation: 'Query' | 'Scan',
): Select {
  const envelope = operation === 'Query' ? '1 validation error detected: ' : '';
  const member = input.AttributesToGet ? 'AttributesToGet' : 'ProjectionExpression';
  if (hasProjection && input.Select !== undefined && input.Select !== 'SPECIFIC_ATTRIBUTES') {
    const wanted = input.Select === 'COUNT' ? 'only the Count' : input.Select;
    throw validation(`${envelope}Cannot specify the ${member} when choosing to get ${wanted}`);
  }
  const select =
    input.Select ?? (hasProjection ? 'SPECIFIC_ATTRIBUTES' : index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (select === 'SPECIFIC_ATTRIBUTES' && !hasProjection) {
    throw validation(
      `${envelope}Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES`,
    );
  }
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !index)
    throw validation(`${envelope}ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName`);
  return select;
}

export interface PageResult {
  Items?: Item[];
  /** The items as stored wire JSON, when they are returned whole (no filter, projection or COUNT). */
  storedItems?: string[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: Item;
  meter: CapacityMeter;
}

type PageOptions = { limit?: number; filter?: CompiledCondition; consistent: boolean };

export function readPage(
  engine: DynamoDBEngine,
  table: TableMeta,
  index: IndexMeta | undefined,
  range: PageRange,
  plan: ReadPlan,
  opts: PageOptions,
): PageResult {
  const whole = !plan.countOnly && !plan.projector && !plan.fetchFromTable && !opts.filter;
  if (whole) return readWholeItems(engine, table, index, range, opts);
  // Otherwise each item is decoded, fetched from the table when the index lacks attributes, filtered, projected.
  const { store } = engine.storage;
  const items: Item[] = [];
  let count = 0;
  let scanned = 0;
  let bytes = 0;
  let pageBytes = 0;
  let tableBytes = 0;
  let lastEvaluated: Item | undefined;
  const sortKey = table.key.range?.name;
  for (const { value } of itemsInRange(store, range)) {
    scanned++;
    bytes += itemSize(value);
    pageBytes += pageItemSize(value, sortKey);
    let item = value;
    if (plan.fetchFromTable) {
      const full = getItem(store, tableItemKey(table, value));
      if (full) {
        item = full;
        tableBytes += itemSize(full);
      }
    }
    if (!opts.filter || opts.filter.evaluate(item)) {
      count++;
      if (!plan.countOnly) items.push(plan.projector ? plan.projector.apply(item) : plan.wholeItems ? item : value);
    }
    if (pageFull(scanned, pageBytes, opts.limit)) {
      lastEvaluated = pick(value, entryKeyNames(table, index));
      break;
    }
  }
  const result: PageResult = {
    Count: count,
    ScannedCount: scanned,
    meter: meterFor(table, index, bytes, tableBytes, opts),
  };
  if (!plan.countOnly) result.Items = items;
  if (lastEvaluated) result.LastEvaluatedKey = lastEvaluated;
  return result;
}

const pageFull = (scanned: number, pageBytes: number, limit: number | undefined) =>
  (limit !== undefined && scanned >= limit) || pageBytes >= MAX_PAGE_BYTES;

/** The common case: every item returned whole, copied from storage without decoding (see item-codec.ts). */
function readWholeItems(
  engine: DynamoDBEngine,
  table: TableMeta,
  index: IndexMeta | undefined,
  range: PageRange,
  opts: PageOptions,
): PageResult {
  const storedItems: string[] = [];
  let bytes = 0;
  let pageBytes = 0;
  let lastEvaluated: Item | undefined;
  const sortKey = table.key.range?.name;
  for (const { value } of storedItemsInRange(engine.storage.store, range)) {
    storedItems.push(storedJson(value));
    bytes += storedSize(value);
    pageBytes += storedPageSize(value, sortKey);
    if (pageFull(storedItems.length, pageBytes, opts.limit)) {
      lastEvaluated = pick(decodeStored(value), entryKeyNames(table, index));
      break;
    }
  }
  const n = storedItems.length;
  return {
    storedItems,
    Count: n,
    ScannedCount: n,
    ...(lastEvaluated && { LastEvaluatedKey: lastEvaluated }),
    meter: meterFor(table, index, bytes, 0, opts),
  };
}

/** Read capacity: the bytes read from the table or index, plus table reads an LSI fetch made. */
function meterFor(
  table: TableMeta,
  index: IndexMeta | undefined,
  bytes: number,
  tableBytes: number,
  opts: PageOptions,
): CapacityMeter {
  const meter = new CapacityMeter(table);
  const units = readUnitsFor(bytes, opts.consistent);
  if (index) meter.addIndex(index, units);
  else meter.addTable(units);
  if (tableBytes > 0) meter.addTable(readUnitsFor(tableBytes, opts.consistent));
  return meter;
}

/** The Query/Scan answer for a page, members in DynamoDB's order. */
export function pageResponse(page: PageResult, returnConsumedCapacity: string | undefined): WireBody {
  const consumed = page.meter.report(returnConsumedCapacity as Parameters<typeof page.meter.report>[0]);
  const { Count, ScannedCount, LastEvaluatedKey } = page;
  // Decoded items (filtered, projected) are serialised one by one, like stored ones they are pieces of the body:
  // a 1 MB page never becomes one string (wire-body.ts).
  const items = page.storedItems ?? page.Items?.map((item) => JSON.stringify(item));
  return wireBody('Items', items, { Count, ScannedCount, LastEvaluatedKey, ConsumedCapacity: consumed });
}
