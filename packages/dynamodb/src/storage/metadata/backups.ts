// On-demand backups in the meta sub-db (layout in the package README):
//   f:backup/<backupArn>                  → BackupRecord (written last: a backup is visible only when complete)
//   f:backup-items/<backupArn>/<chunk>   → Item[] (up to CHUNK_ITEMS items per chunk, chunk no. 8 digits)
import { itemSize, type Item } from '../../model/index.js';
import { allItems } from '../items.js';
import type { Store } from '../store.js';
import type { TableMeta } from '../types.js';
import { META, prefixEnd } from './keys.js';

export const CHUNK_ITEMS = 500;

export interface BackupRecord {
  BackupArn: string;
  BackupName: string;
  BackupType: 'USER';
  /** Epoch seconds with millis. */
  BackupCreationDateTime: number;
  BackupSizeBytes: number;
  ItemCount: number;
  namespace: string;
  /** The source table's record as it was when the backup was taken. */
  source: TableMeta;
  chunks: number;
}

const recordKey = (arn: string) => `${META.backup}${arn}`;
const chunkPrefix = (arn: string) => `${META.backupItems}${arn}/`;
const chunkKey = (arn: string, chunk: number) => `${chunkPrefix(arn)}${String(chunk).padStart(8, '0')}`;

export class BackupRecords {
  /** Backups feeding a restore that has not finished (DynamoDB refuses to delete or reuse them meanwhile). Kept in
   *  memory, per engine: a restart resumes unfinished restores, which mark their backups again. */
  readonly inRestore = new Set<string>();

  constructor(private readonly store: Store) {}

  /** Copies every item of `table` into a new backup named `arn`, then stores and returns its record. */
  async snapshot(table: TableMeta, arn: string, backupName: string, nowMs: number): Promise<BackupRecord> {
    const writes: Promise<unknown>[] = [];
    let chunk: Item[] = [];
    let chunks = 0;
    let count = 0;
    let bytes = 0;
    for (const item of allItems(this.store, table)) {
      chunk.push(item);
      count++;
      bytes += itemSize(item);
      if (chunk.length === CHUNK_ITEMS) {
        writes.push(this.storeChunk(chunkKey(arn, chunks++), chunk));
        chunk = [];
      }
    }
    if (chunk.length > 0) writes.push(this.storeChunk(chunkKey(arn, chunks++), chunk));
    await Promise.all(writes);
    const record: BackupRecord = {
      BackupArn: arn,
      BackupName: backupName,
      BackupType: 'USER',
      BackupCreationDateTime: nowMs / 1000,
      BackupSizeBytes: bytes,
      ItemCount: count,
      namespace: table.namespace,
      source: table,
      chunks,
    };
    await this.store.writes.run(() => void this.store.meta.put(recordKey(arn), record));
    return record;
  }

  get(arn: string): BackupRecord | undefined {
    return this.store.meta.get(recordKey(arn)) as BackupRecord | undefined;
  }

  /** The namespace's backups, oldest first. */
  list(namespace: string): BackupRecord[] {
    const records: BackupRecord[] = [];
    for (const { value } of this.store.meta.getRange({ start: META.backup, end: prefixEnd(META.backup) })) {
      const record = value as BackupRecord;
      if (record.namespace === namespace) records.push(record);
    }
    return records.sort(
      (a, b) => a.BackupCreationDateTime - b.BackupCreationDateTime || a.BackupArn.localeCompare(b.BackupArn),
    );
  }

  /** The backup's items, one chunk at a time. */
  *chunks(record: BackupRecord): Generator<Item[]> {
    for (let chunk = 0; chunk < record.chunks; chunk++) {
      const items = this.store.meta.get(chunkKey(record.BackupArn, chunk)) as Item[] | undefined;
      if (items) yield items;
    }
  }

  /** Removes the record first (the backup disappears at once), then its item chunks. */
  async remove(record: BackupRecord): Promise<void> {
    const { meta, writes } = this.store;
    await writes.run(() => void meta.remove(recordKey(record.BackupArn)));
    const prefix = chunkPrefix(record.BackupArn);
    const keys = [...meta.getKeys({ start: prefix, end: prefixEnd(prefix) })];
    await writes.run(() => keys.forEach((key) => meta.remove(key)));
  }

  /** Queues one chunk of a backup's items: the key and the array are fixed now, the commit comes with the group. */
  private storeChunk(key: string, items: Item[]): Promise<void> {
    return this.store.writes.run(() => void this.store.meta.put(key, items));
  }
}
