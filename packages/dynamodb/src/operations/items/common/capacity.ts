// Capacity units as DynamoDB computes them: 1 WCU per started KB written, 1 RCU per started 4 KB read strongly
// (half for eventually consistent reads), twice that inside transactions.
import type { IndexMeta, TableMeta } from '../../../storage/types.js';
import type { IndexWriteUnits } from '../../../storage/items-write.js';
import type { ReturnConsumedCapacity } from './schemas.js';

export const writeUnitsFor = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
/** Table write units of one item write: the larger of the item before and after. */
export const writeUnitsOf = (write: { oldSize: number; newSize: number }) =>
  writeUnitsFor(Math.max(write.oldSize, write.newSize));
export const readUnitsFor = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

export interface ConsumedCapacity {
  TableName: string;
  CapacityUnits: number;
  Table?: { CapacityUnits: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits: number }>;
}

/** Units one request spent on one table and its indexes. */
export class CapacityMeter {
  tableUnits = 0;
  readonly indexUnits = new Map<IndexMeta, number>();

  constructor(readonly table: TableMeta) {}

  addTable(units: number): this {
    this.tableUnits += units;
    return this;
  }

  addIndex(index: IndexMeta, units: number): this {
    this.indexUnits.set(index, (this.indexUnits.get(index) ?? 0) + units);
    return this;
  }

  addIndexWrites(units: IndexWriteUnits | undefined, factor = 1): this {
    if (units) for (const [index, u] of units) this.addIndex(index, u * factor);
    return this;
  }

  report(mode: ReturnConsumedCapacity | undefined): ConsumedCapacity | undefined {
    if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
    let total = this.tableUnits;
    for (const u of this.indexUnits.values()) total += u;
    const out: ConsumedCapacity = { TableName: this.table.TableName, CapacityUnits: total };
    if (mode === 'INDEXES') {
      if (this.tableUnits > 0 || this.indexUnits.size === 0) out.Table = { CapacityUnits: this.tableUnits };
      for (const [index, u] of this.indexUnits) {
        const key = index.kind === 'GSI' ? 'GlobalSecondaryIndexes' : 'LocalSecondaryIndexes';
        (out[key] ??= {})[index.IndexName] = { CapacityUnits: u };
      }
    }
    return out;
  }
}

/** The write capacity of BatchWriteItem and TransactWriteItems: one meter per table, in first-write order. */
export class TableWriteMeters {
  private readonly meters = new Map<TableMeta, CapacityMeter>();

  /** `factor` 2 inside transactions (DynamoDB charges a transactional write twice). */
  add(table: TableMeta, write: { oldSize: number; newSize: number; indexUnits?: IndexWriteUnits }, factor = 1) {
    let meter = this.meters.get(table);
    if (!meter) this.meters.set(table, (meter = new CapacityMeter(table)));
    meter.addTable(factor * writeUnitsOf(write)).addIndexWrites(write.indexUnits, factor);
  }

  report(mode: ReturnConsumedCapacity | undefined): ConsumedCapacity[] | undefined {
    return reportAll(this.meters.values(), mode);
  }
}

/** ConsumedCapacity of an operation over several tables, one entry per meter; undefined when not asked for. */
export function reportAll(
  meters: Iterable<CapacityMeter>,
  mode: ReturnConsumedCapacity | undefined,
): ConsumedCapacity[] | undefined {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return undefined;
  return [...meters].map((m) => m.report(mode)!);
}
