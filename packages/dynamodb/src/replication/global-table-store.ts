// Global tables (2017.11.29 API) of an account, in the meta sub-db: f:gt/<accountId>/<name> → GlobalTableRecord.
// A member table carries TableMeta.GlobalTableName; the record lists the member regions.
import type { DynamoDBEngine } from '../engine.js';
import { META, prefixEnd } from '../operations/features/support/meta-keys.js';

export interface GlobalTableRecord {
  GlobalTableName: string;
  accountId: string;
  GlobalTableArn: string;
  /** Epoch seconds with millis. */
  CreationDateTime: number;
  /** 2017.11.29 (CreateGlobalTable; absent in records written before versions were told apart) or 2019.11.21
   *  (UpdateTable ReplicaUpdates). The legacy operations only see 2017.11.29 groups. */
  version?: '2017.11.29' | '2019.11.21';
  regions: string[];
}

const accountPrefix = (accountId: string) => `${META.globalTable}${accountId}/`;
const recordKey = (accountId: string, name: string) => `${accountPrefix(accountId)}${name}`;

export function readGlobalTable(
  engine: DynamoDBEngine,
  accountId: string,
  name: string,
): GlobalTableRecord | undefined {
  return engine.store.meta.get(recordKey(accountId, name)) as GlobalTableRecord | undefined;
}

export async function writeGlobalTable(engine: DynamoDBEngine, record: GlobalTableRecord): Promise<void> {
  await engine.store.writes.run(
    () => void engine.store.meta.put(recordKey(record.accountId, record.GlobalTableName), record),
  );
}

export async function removeGlobalTable(engine: DynamoDBEngine, record: GlobalTableRecord): Promise<void> {
  await engine.store.writes.run(
    () => void engine.store.meta.remove(recordKey(record.accountId, record.GlobalTableName)),
  );
}

/** The account's global tables in name order. */
export function listGlobalTables(engine: DynamoDBEngine, accountId: string): GlobalTableRecord[] {
  const prefix = accountPrefix(accountId);
  return [...engine.store.meta.getRange({ start: prefix, end: prefixEnd(prefix) })].map(
    ({ value }) => value as GlobalTableRecord,
  );
}

export const isLegacyGroup = (record: GlobalTableRecord) => record.version !== '2019.11.21';
