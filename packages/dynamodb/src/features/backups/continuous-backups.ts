// ContinuousBackupsDescription as DynamoDB returns it: backups are always ENABLED; PITR carries its window.
import type { DynamoDBEngine } from '../../engine.js';
import type { TableMeta } from '../../storage/types.js';

export const DEFAULT_RECOVERY_PERIOD_DAYS = 35;
/** DynamoDB's latest restorable time trails the present by about five minutes. */
const LATEST_RESTORABLE_LAG_SECONDS = 300;

export function recoveryPeriodDays(engine: DynamoDBEngine, table: TableMeta): number {
  return engine.storage.metadata.tableSettings.recoveryPeriodDays(table.id) ?? DEFAULT_RECOVERY_PERIOD_DAYS;
}

export function continuousBackupsDescription(engine: DynamoDBEngine, table: TableMeta) {
  if (!table.PointInTimeRecoveryEnabled) {
    return {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    };
  }
  const now = engine.now() / 1000;
  const days = recoveryPeriodDays(engine, table);
  const enabledAt = table.PointInTimeRecoveryEnabledAt ?? now;
  const earliest = Math.max(enabledAt, now - days * 86400);
  const latest = Math.max(earliest, now - LATEST_RESTORABLE_LAG_SECONDS);
  return {
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription: {
      PointInTimeRecoveryStatus: 'ENABLED',
      RecoveryPeriodInDays: days,
      EarliestRestorableDateTime: earliest,
      LatestRestorableDateTime: latest,
    },
  };
}
