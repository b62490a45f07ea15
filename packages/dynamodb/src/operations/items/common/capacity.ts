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

interface Units {
  CapacityUnits: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export interface ConsumedCapacity extends Units {
  TableName: string;
  Table?: Units;
  GlobalSecondaryIndexes?: Record<string, Units>;
  LocalSecondaryIndexes?: Record<string, Units>;
}

/**
 * Transactions also name the kind of their units, at the top and in every INDEXES entry; other operations report
 * CapacityUnits alone (paritysuite/dynamodb-conformance PR #74, issue #69, measured against DynamoDB in eu-west-2;
 * a TransactWriteItems answer quoted in rusoto/rusoto issue #1919).
 */
export type UnitKind = 'Read' | 'Write';

/** Units one request spent on one table and its indexes. */
export class CapacityMeter {
  tableUnits = 0;
  readonly indexUnits = new Map<IndexMeta, number>();

  constructor(
    readonly table: TableMeta,
    private readonly kind?: UnitKind,
  ) {}

  private units(n: number): Units {
    return this.kind ? { CapacityUnits: n, [`${this.kind}CapacityUnits`]: n } : { CapacityUnits: n };
  }

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
    const out: ConsumedCapacity = { TableName: this.table.TableName, ...this.units(total) };
    if (mode === 'INDEXES') {
      if (this.tableUnits > 0 || this.indexUnits.size === 0) out.Table = this.units(this.tableUnits);
      for (const [index, u] of this.indexUnits) {
        const key = index.kind === 'GSI' ? 'GlobalSecondaryIndexes' : 'LocalSecondaryIndexes';
        (out[key] ??= {})[index.IndexName] = this.units(u);
      }
    }
    return out;
  }
}

/** The write capacity of BatchWriteItem and TransactWriteItems: one meter per table, in first-write order. */
export class TableWriteMeters {
  private readonly meters = new Map<TableMeta, CapacityMeter>();

  /** `kind` 'Write' for TransactWriteItems, whose answer names the kind of its units. */
  constructor(private readonly kind?: UnitKind) {}

  /** `factor` 2 inside transactions (DynamoDB charges a transactional write twice). */
  add(table: TableMeta, write: { oldSize: number; newSize: number; indexUnits?: IndexWriteUnits }, factor = 1) {
    let meter = this.meters.get(table);
    if (!meter) this.meters.set(table, (meter = new CapacityMeter(table, this.kind)));
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
