// Deletes expired items every `ttlSweepIntervalMs` (deliberately prompt, unlike DynamoDB's "within a few days":
// see README-features.md). Each tick reads only due entries of the TTL index, in bounded batches, re-checks each
// item's stored TTL value (so a stale entry never deletes an item whose TTL moved into the future), and deletes
// through storage/items.ts deleteItems with cause 'ttl' (indexes, stats, change hooks and write listeners — hence
// global-table replication — behave as for DeleteItem).
import type { DynamoDBEngine } from '../../engine.js';
import type { Item } from '../../model/index.js';
import { getItem } from '../../storage/item-reads.js';
import { deleteItems } from '../../storage/items.js';
import { tableItemKey } from '../../storage/items-keys.js';
import type { TableMeta } from '../../storage/types.js';
import { expiryOf, isExpired } from './expiry.js';
import type { TtlIndex } from './ttl-index.js';

/** Items deleted per table per tick, and per tick overall: a large backlog drains over several ticks. */
export const SWEEP_BATCH_PER_TABLE = 100;
export const SWEEP_BATCH_PER_TICK = 1000;

export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly engine: DynamoDBEngine,
    private readonly index: TtlIndex,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many items were deleted. Never overlaps itself. */
  tick(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.sweepOnce()
      .catch(() => 0)
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const nowSeconds = Math.floor(this.engine.now() / 1000);
    let budget = SWEEP_BATCH_PER_TICK;
    let deleted = 0;
    for (const table of this.engine.catalog.all()) {
      if (budget <= 0) break;
      if (!table.TimeToLive?.Enabled || table.TableStatus === 'CREATING' || table.TableStatus === 'DELETING') continue;
      const count = await this.sweepTable(table, nowSeconds, Math.min(budget, SWEEP_BATCH_PER_TABLE));
      budget -= count;
      deleted += count;
    }
    return deleted;
  }

  private async sweepTable(table: TableMeta, nowSeconds: number, limit: number): Promise<number> {
    const attribute = table.TimeToLive!.AttributeName;
    const expired: Item[] = [];
    for (const entry of this.index.due(table.id, nowSeconds, limit)) {
      this.index.remove(entry.indexKey);
      const current = getItem(this.engine.storage.store, tableItemKey(table, entry.key));
      const expiry = expiryOf(current, attribute);
      if (expiry !== undefined && isExpired(expiry, nowSeconds)) expired.push(entry.key);
    }
    if (expired.length > 0) await deleteItems(this.engine.storage, table, expired, 'ttl');
    return expired.length;
  }
}
