// Key prefixes this feature group owns in the store's `meta` sub-database (layout in README-features.md).
// Every key starts with 'f:' so nothing here can collide with the control plane's counters.
export const META = {
  /** f:backup\0<backupArn> → BackupRecord */
  backup: 'f:backup\u0000',
  /** f:backup-items\0<backupArn>\0<chunk no, 8 digits> → Item[] */
  backupItems: 'f:backup-items\u0000',
  /** f:gt\0<accountId>\0<globalTableName> → GlobalTableRecord */
  globalTable: 'f:gt\u0000',
  /** f:ttl\0<tableId base36, 8>\0<expiry epoch s, 16 digits>\0<sha1(key)> → key Item */
  ttlIndex: 'f:ttl\u0000',
  /** f:ci\0<tableId>\0<indexName> → ContributorInsightsRecord (index-level insights) */
  insights: 'f:ci\u0000',
  /** f:pitr\0<tableId> → { RecoveryPeriodInDays } */
  pitr: 'f:pitr\u0000',
  /** f:restore\0<tableId> → RestoreSummary of a table restored from a backup */
  restore: 'f:restore\u0000',
} as const;

/** The exclusive upper bound of every key starting with `prefix`. */
export const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
