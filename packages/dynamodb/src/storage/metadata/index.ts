// The typed metadata store: every record the engine keeps besides tables and items, over the `meta` sub-database
// (key layout: keys.ts). Callers outside storage/ read and write these records only through it.
import type { Store } from '../store.js';
import { BackupRecords } from './backups.js';
import { GlobalTableRecords } from './global-tables.js';
import { TableSettings } from './table-settings.js';
import { TtlEntries } from './ttl-entries.js';

export interface MetadataStore {
  readonly backups: BackupRecords;
  readonly globalTables: GlobalTableRecords;
  readonly tableSettings: TableSettings;
  readonly ttlEntries: TtlEntries;
}

export function openMetadata(store: Store): MetadataStore {
  return {
    backups: new BackupRecords(store),
    globalTables: new GlobalTableRecords(store),
    tableSettings: new TableSettings(store),
    ttlEntries: new TtlEntries(store),
  };
}

export type { BackupRecord } from './backups.js';
export { isLegacyGroup, type GlobalTableRecord } from './global-tables.js';
export type { ContributorInsightsRecord, InsightsMode, RestoreSummary } from './table-settings.js';
export type { DueEntry } from './ttl-entries.js';
