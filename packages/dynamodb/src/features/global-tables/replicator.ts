// Applies every committed write of a global-table member to the other members (last writer wins, in commit
// order). Writes the replicator itself makes are recognised when they come back through the write listener
// (an "echo": same table, key and new image) and are not replicated again, so two replicas never ping-pong.
import { createHash } from 'node:crypto';
import type { DynamoDBEngine } from '../../engine.js';
import type { Item } from '../../model/index.js';
import type { ItemChange } from '../../storage/change-hooks.js';
import { allItems, deleteItems, putItems } from '../../storage/items.js';
import { keyOf } from '../../storage/items-keys.js';
import type { TableMeta } from '../../storage/types.js';
import { replicaTable } from './replica-tables.js';

const SEED_BATCH = 500;

export class Replicator {
  private readonly echoes = new Map<string, number>();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly engine: DynamoDBEngine) {}

  /** After-commit write listener (storage/change-hooks.ts). */
  readonly onWrite = ({ table, key, oldItem, newItem }: ItemChange): void => {
    if (table.GlobalTableName === undefined || (oldItem === undefined && newItem === undefined)) return;
    if (this.consumeEcho(table.id, key, newItem)) return;
    const record = this.engine.storage.metadata.globalTables.get(table.accountId, table.GlobalTableName);
    if (!record) return;
    for (const region of record.regions) {
      if (region === table.region) continue;
      void this.enqueue(() => this.apply(table.accountId, region, table.TableName, key, newItem, table.id));
    }
  };

  /** Copies every item of `source` into `target` (a replica joining a global table that has data). */
  seed(source: TableMeta, target: TableMeta): Promise<void> {
    return this.enqueue(async () => {
      let batch: Item[] = [];
      for (const item of allItems(this.engine.storage.store, source)) {
        batch.push(item);
        if (batch.length === SEED_BATCH) {
          await this.putAsReplica(target, batch);
          batch = [];
        }
      }
      if (batch.length > 0) await this.putAsReplica(target, batch);
    });
  }

  /** Resolves once every write queued so far has been applied (tests, shutdown). */
  idle(): Promise<void> {
    return this.tail;
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.tail.then(job).catch(() => undefined);
    this.tail = run;
    return run;
  }

  private async apply(
    accountId: string,
    region: string,
    tableName: string,
    key: Item,
    newItem: Item | undefined,
    sourceId: number,
  ) {
    const target = replicaTable(this.engine, accountId, region, tableName);
    // Same namespace for every region (shared isolation) resolves to the source table itself: nothing to do.
    if (!target || target.id === sourceId || target.GlobalTableName === undefined) return;
    if (newItem) await this.putAsReplica(target, [newItem]);
    else await this.deleteAsReplica(target, key);
  }

  private async putAsReplica(target: TableMeta, items: Item[]): Promise<void> {
    const markers = items.map((item) => this.expectEcho(target.id, keyOf(target, item), item));
    try {
      await putItems(this.engine.storage, target, items, 'replication');
    } catch (e) {
      markers.forEach((m) => this.dropEcho(m));
      throw e;
    }
  }

  private async deleteAsReplica(target: TableMeta, key: Item): Promise<void> {
    const marker = this.expectEcho(target.id, key, undefined);
    try {
      await deleteItems(this.engine.storage, target, [key], 'replication');
    } catch (e) {
      this.dropEcho(marker);
      throw e;
    }
  }

  private expectEcho(tableId: number, key: Item, newItem: Item | undefined): string {
    const marker = echoKey(tableId, key, newItem);
    this.echoes.set(marker, (this.echoes.get(marker) ?? 0) + 1);
    return marker;
  }

  private consumeEcho(tableId: number, key: Item, newItem: Item | undefined): boolean {
    const marker = echoKey(tableId, key, newItem);
    if (!this.echoes.has(marker)) return false;
    this.dropEcho(marker);
    return true;
  }

  private dropEcho(marker: string): void {
    const left = (this.echoes.get(marker) ?? 1) - 1;
    if (left <= 0) this.echoes.delete(marker);
    else this.echoes.set(marker, left);
  }
}

function echoKey(tableId: number, key: Item, newItem: Item | undefined): string {
  return `${tableId}|${digest(key)}|${newItem ? digest(newItem) : '-'}`;
}

/** Order-insensitive digest of an item (attribute order may differ between the write and its echo). */
function digest(item: Item): string {
  return createHash('sha1')
    .update(JSON.stringify(canonical(item)))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.keys(value as object)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]);
  }
  return value;
}
