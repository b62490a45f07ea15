// Per-table feature settings that do not fit the catalog record, in the meta sub-db, keyed by table id (never
// reused, so a deleted table's leftovers are harmless; forgetTable only reclaims the space):
//   f:ci/<tableId>/<indexName>  → ContributorInsightsRecord (table level: empty index name)
//   f:pitr/<tableId>            → { RecoveryPeriodInDays }
//   f:restore/<tableId>         → RestoreSummary of a table restored from a backup
import type { Store } from '../store.js';
import { META, prefixEnd } from './keys.js';

export type InsightsMode = 'ACCESSED_AND_THROTTLED_KEYS' | 'THROTTLED_KEYS';

export interface ContributorInsightsRecord {
  tableId: number;
  namespace: string;
  TableName: string;
  IndexName?: string;
  ContributorInsightsStatus: 'ENABLED' | 'DISABLED';
  ContributorInsightsMode: InsightsMode;
  /** Epoch ms of the last ENABLE/DISABLE. */
  lastUpdate: number;
}

export interface RestoreSummary {
  SourceBackupArn: string;
  SourceTableArn: string;
  RestoreDateTime: number;
  RestoreInProgress: boolean;
}

const insightsKey = (tableId: number, indexName: string | undefined) => `${META.insights}${tableId}/${indexName ?? ''}`;
const recoveryPeriodKey = (tableId: number) => `${META.pitr}${tableId}`;
const restoreKey = (tableId: number) => `${META.restore}${tableId}`;

export class TableSettings {
  constructor(private readonly store: Store) {}

  insights(tableId: number, indexName?: string): ContributorInsightsRecord | undefined {
    return this.store.meta.get(insightsKey(tableId, indexName)) as ContributorInsightsRecord | undefined;
  }

  putInsights(record: ContributorInsightsRecord): Promise<void> {
    return this.write(insightsKey(record.tableId, record.IndexName), record);
  }

  /** Every insights record of every table, in key order. */
  *allInsights(): Generator<ContributorInsightsRecord> {
    for (const { value } of this.store.meta.getRange({ start: META.insights, end: prefixEnd(META.insights) }))
      yield value as ContributorInsightsRecord;
  }

  /** The PITR recovery period set by UpdateContinuousBackups, if any. */
  recoveryPeriodDays(tableId: number): number | undefined {
    const stored = this.store.meta.get(recoveryPeriodKey(tableId)) as { RecoveryPeriodInDays?: number } | undefined;
    return stored?.RecoveryPeriodInDays;
  }

  /** Sets (a number) or forgets (undefined) the table's PITR recovery period. */
  setRecoveryPeriodDays(tableId: number, days: number | undefined): Promise<void> {
    return this.write(recoveryPeriodKey(tableId), days === undefined ? undefined : { RecoveryPeriodInDays: days });
  }

  restoreSummary(tableId: number): RestoreSummary | undefined {
    return this.store.meta.get(restoreKey(tableId)) as RestoreSummary | undefined;
  }

  putRestoreSummary(tableId: number, summary: RestoreSummary): Promise<void> {
    return this.write(restoreKey(tableId), summary);
  }

  /** Removes every setting of a deleted table. */
  async forgetTable(tableId: number): Promise<void> {
    const { meta, writes } = this.store;
    const insights = `${META.insights}${tableId}/`;
    const keys = [
      ...meta.getKeys({ start: insights, end: prefixEnd(insights) }),
      recoveryPeriodKey(tableId),
      restoreKey(tableId),
    ];
    await writes.run(() => keys.forEach((key) => meta.remove(key as string)));
  }

  private async write(key: string, value: unknown): Promise<void> {
    const { meta, writes } = this.store;
    await writes.run(() => void (value === undefined ? meta.remove(key) : meta.put(key, value)));
  }
}
