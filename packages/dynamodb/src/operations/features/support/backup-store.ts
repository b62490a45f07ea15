// On-demand backups in the meta sub-db (layout in README-features.md):
//   f:backup/<backupArn>                  → BackupRecord (written last: a backup is visible only when complete)
//   f:backup-items/<backupArn>/<chunk>   → Item[] (up to CHUNK_ITEMS items per chunk, chunk no. 8 digits)
import { randomBytes } from 'node:crypto';
import type { DynamoDBEngine } from '../../../engine.js';
import { itemSize, type Item } from '../../../model/index.js';
import { allItems } from '../../../storage/items.js';
import type { TableMeta } from '../../../storage/types.js';
import { META, prefixEnd } from './meta-keys.js';

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

/** `<tableArn>/backup/<epoch ms, 14 digits>-<8 hex>`, the shape of DynamoDB's backup ARNs. */
export const newBackupArn = (table: TableMeta, nowMs: number) =>
  `${table.TableArn}/backup/${String(nowMs).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;

/** Queues one chunk of a backup's items: the key and the array are fixed now, the commit comes with the group. */
function storeChunk(engine: DynamoDBEngine, key: string, items: Item[]): Promise<void> {
  return engine.store.writes.run(() => void engine.store.meta.put(key, items));
}

/** Copies every item of `table` into a new backup and returns its record. */
export async function snapshotTable(
  engine: DynamoDBEngine,
  table: TableMeta,
  backupName: string,
): Promise<BackupRecord> {
  const nowMs = engine.now();
  const arn = newBackupArn(table, nowMs);
  const writes: Promise<unknown>[] = [];
  let chunk: Item[] = [];
  let chunks = 0;
  let count = 0;
  let bytes = 0;
  for (const item of allItems(engine, table)) {
    chunk.push(item);
    count++;
    bytes += itemSize(item);
    if (chunk.length === CHUNK_ITEMS) {
      writes.push(storeChunk(engine, chunkKey(arn, chunks++), chunk));
      chunk = [];
    }
  }
  if (chunk.length > 0) writes.push(storeChunk(engine, chunkKey(arn, chunks++), chunk));
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
  await engine.store.writes.run(() => void engine.store.meta.put(recordKey(arn), record));
  return record;
}

export function readBackup(engine: DynamoDBEngine, arn: string): BackupRecord | undefined {
  return engine.store.meta.get(recordKey(arn)) as BackupRecord | undefined;
}

export function listBackupRecords(engine: DynamoDBEngine, namespace: string): BackupRecord[] {
  const records: BackupRecord[] = [];
  for (const { value } of engine.store.meta.getRange({ start: META.backup, end: prefixEnd(META.backup) })) {
    const record = value as BackupRecord;
    if (record.namespace === namespace) records.push(record);
  }
  return records.sort(
    (a, b) => a.BackupCreationDateTime - b.BackupCreationDateTime || a.BackupArn.localeCompare(b.BackupArn),
  );
}

/** The backup's items, one chunk at a time. */
export function* backupChunks(engine: DynamoDBEngine, record: BackupRecord): Generator<Item[]> {
  for (let chunk = 0; chunk < record.chunks; chunk++) {
    const items = engine.store.meta.get(chunkKey(record.BackupArn, chunk)) as Item[] | undefined;
    if (items) yield items;
  }
}

/** Removes the record first (the backup disappears at once), then its item chunks. */
export async function deleteBackupRecord(engine: DynamoDBEngine, record: BackupRecord): Promise<void> {
  await engine.store.writes.run(() => void engine.store.meta.remove(recordKey(record.BackupArn)));
  const prefix = chunkPrefix(record.BackupArn);
  const keys = [...engine.store.meta.getKeys({ start: prefix, end: prefixEnd(prefix) })];
  await engine.store.writes.run(() => keys.forEach((key) => engine.store.meta.remove(key)));
}
