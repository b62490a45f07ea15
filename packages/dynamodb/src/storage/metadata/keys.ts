// Key prefixes of the feature records in the store's `meta` sub-database (read and written by the modules beside
// this one). Every key starts with 'f:' so nothing here can collide with the counters (nextTableId, itemFormat). Parts are joined
// with '/', not NUL: lmdb's ordered-binary key encoding turns a NUL inside a string key into an array separator,
// which breaks prefix range reads.
export const META = {
  /** f:backup/<backupArn> → BackupRecord */
  backup: 'f:backup/',
  /** f:backup-items/<backupArn>/<chunk no, 8 digits> → Item[] */
  backupItems: 'f:backup-items/',
  /** f:gt/<accountId>/<globalTableName> → GlobalTableRecord */
  globalTable: 'f:gt/',
  /** f:ttl/<tableId base36, 8>/<expiry epoch s, 16 digits>/<sha1(key)> → key Item */
  ttlIndex: 'f:ttl/',
  /** f:ci/<tableId>/<indexName> → ContributorInsightsRecord (index-level insights) */
  insights: 'f:ci/',
  /** f:pitr/<tableId> → { RecoveryPeriodInDays } */
  pitr: 'f:pitr/',
  /** f:restore/<tableId> → RestoreSummary of a table restored from a backup */
  restore: 'f:restore/',
} as const;

/** The exclusive upper bound of every key starting with `prefix`. */
export const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
