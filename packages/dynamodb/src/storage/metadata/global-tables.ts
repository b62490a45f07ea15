// Global tables (2017.11.29 API) of an account, in the meta sub-db: f:gt/<accountId>/<name> → GlobalTableRecord.
// A member table carries TableMeta.GlobalTableName; the record lists the member regions.
import type { Store } from '../store.js';
import { META, prefixEnd } from './keys.js';

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

export const isLegacyGroup = (record: GlobalTableRecord) => record.version !== '2019.11.21';

export class GlobalTableRecords {
  constructor(private readonly store: Store) {}

  get(accountId: string, name: string): GlobalTableRecord | undefined {
    return this.store.meta.get(recordKey(accountId, name)) as GlobalTableRecord | undefined;
  }

  async put(record: GlobalTableRecord): Promise<void> {
    await this.store.writes.run(
      () => void this.store.meta.put(recordKey(record.accountId, record.GlobalTableName), record),
    );
  }

  async remove(record: GlobalTableRecord): Promise<void> {
    await this.store.writes.run(() => void this.store.meta.remove(recordKey(record.accountId, record.GlobalTableName)));
  }

  /** The account's global tables in name order. */
  list(accountId: string): GlobalTableRecord[] {
    const prefix = accountPrefix(accountId);
    return [...this.store.meta.getRange({ start: prefix, end: prefixEnd(prefix) })].map(
      ({ value }) => value as GlobalTableRecord,
    );
  }
}
