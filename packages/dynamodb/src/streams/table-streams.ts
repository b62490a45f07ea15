// The streams of one engine: the in-transaction change hook that writes a record with every item change, the
// stream metadata kept in line with the catalog (a stream per table whose stream is on; others disabled, their open
// shard closed), shard roll-over, and the 24-hour retention. Stream metadata and records live in the `streams`
// sub-database (storage/stream-records.ts).
// Sequence numbers come from one counter, advanced only inside write transactions (a group commit runs every
// request's work and commits in one synchronous call), so a number handed out is committed before anything else
// reads; a request whose transaction aborts leaves a gap, never a reuse.
import type { DynamoDBEngine } from '../engine.js';
import { valuesEqual, type Item } from '../model/index.js';
import type { ItemChange } from '../storage/change-hooks.js';
import { storedSize } from '../storage/item-codec.js';
import {
  highestSequenceNumber,
  streamStorage,
  type ShardMeta,
  type StreamMeta,
  type StreamStorage,
  type StreamViewType,
} from '../storage/stream-records.js';
import type { TableMeta } from '../storage/types.js';
import { recordParts } from './record-json.js';

/** DynamoDB Streams keeps records 24 hours (developer guide, "DynamoDB Streams"). */
export const RETENTION_MS = 24 * 60 * 60 * 1000;
/** Chunks (one group commit's records of a stream) dropped per transaction by the retention, so writes never wait
 *  long for it: 1,000 took 7-10 ms, and a write that arrives meanwhile waits that long (README-streams.md, "Cost"). */
const TRIM_BATCH = 200;

export type StreamStatus = 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED';

/** A stream label (ISO-8601 with milliseconds, no zone) as epoch ms. */
export const labelTime = (label: string) => Date.parse(`${label}Z`);

export class TableStreams {
  readonly storage: StreamStorage;
  #nextSeq: number;
  readonly #labelTimes = new Map<string, number>();

  constructor(
    private readonly engine: DynamoDBEngine,
    /** How long a shard stays open before it rolls over. */
    readonly shardRollMs: number,
  ) {
    this.storage = streamStorage(engine.storage.store);
    this.#nextSeq = highestSequenceNumber(this.storage) + 1;
  }

  /** The next sequence number a record would get (LATEST iterators start there). */
  get nextSequenceNumber(): number {
    return this.#nextSeq;
  }

  /** The in-transaction change hook (storage/change-hooks.ts). Streams off: one property read. */
  readonly onChange = (change: ItemChange): void => {
    const spec = change.table.StreamSpecification;
    if (!spec?.StreamEnabled) return;
    const { table } = change;
    const label = table.LatestStreamLabel;
    if (!label) return;
    // A write that changes nothing leaves no record (developer guide: "no stream record is written" then).
    if (unchanged(change)) return;
    const record = recordParts(change, spec.StreamViewType as StreamViewType, this.#nextSeq++, this.engine.now());
    this.storage.putRecord(table.id, this.#createdAt(label), record);
  };

  #createdAt(label: string): number {
    let time = this.#labelTimes.get(label);
    if (time === undefined) this.#labelTimes.set(label, (time = labelTime(label)));
    return time;
  }

  /** Brings the stream metadata in line with the catalog (run before every Streams operation and maintenance). */
  sync(): void {
    const now = this.engine.now();
    const current = new Map<string, TableMeta>();
    for (const table of this.engine.catalog.all()) {
      if (table.TableStatus === 'DELETING' || !table.StreamSpecification?.StreamEnabled) continue;
      if (table.LatestStreamArn) current.set(table.LatestStreamArn, table);
    }
    const known = new Set<string>();
    for (const meta of this.storage.streams()) {
      known.add(meta.arn);
      const table = current.get(meta.arn);
      // A stream whose table dropped it, deleted it or was deleted is disabled: its open shard closes.
      if (meta.disabledAt === undefined && (!table || table.id !== meta.tableId)) this.#disable(meta, now);
    }
    for (const [arn, table] of current) if (!known.has(arn)) this.#create(table, now);
  }

  #create(table: TableMeta, now: number) {
    const createdAt = this.#createdAt(table.LatestStreamLabel!);
    // Records may precede the metadata (a crash between the catalog's commit and this one): the shard covers them.
    const [first] = this.storage.records(table.id, createdAt, 0, Number.MAX_SAFE_INTEGER, 1);
    const meta: StreamMeta = {
      arn: table.LatestStreamArn!,
      label: table.LatestStreamLabel!,
      namespace: table.namespace,
      tableName: table.TableName,
      tableId: table.id,
      keySchema: table.KeySchema,
      viewType: table.StreamSpecification!.StreamViewType as StreamViewType,
      createdAt,
      shards: [],
      shardCount: 0,
      trimmedThrough: 0,
    };
    openShard(meta, first?.seq ?? this.#nextSeq, now, undefined);
    this.storage.putStream(meta);
  }

  #disable(meta: StreamMeta, now: number) {
    meta.disabledAt = now;
    const open = openShardOf(meta);
    if (open) {
      open.end = Math.max(open.start, this.storage.lastSeq(meta.tableId, meta.createdAt));
      open.closedAt = now;
    }
    this.storage.putStream(meta);
  }

  /** Closes the open shard of each enabled stream `which` selects and opens its child (shard lineage). */
  roll(which: (meta: StreamMeta) => boolean = () => true): number {
    this.sync();
    const now = this.engine.now();
    let rolled = 0;
    for (const meta of this.storage.streams()) {
      const open = openShardOf(meta);
      if (meta.disabledAt !== undefined || !open || !which(meta)) continue;
      // Every number handed out so far is committed (see the top of this file): the shard ends at the last one.
      let end = this.#nextSeq - 1;
      if (end < open.start) end = open.start;
      this.#nextSeq = Math.max(this.#nextSeq, end + 1);
      open.end = end;
      open.closedAt = now;
      openShard(meta, end + 1, now, open.ShardId);
      this.storage.putStream(meta);
      rolled++;
    }
    return rolled;
  }

  /** Rolls shards open longer than the interval, trims records older than 24 hours and forgets streams disabled
   *  24 hours ago, in bounded transactions. */
  async maintain(): Promise<void> {
    const now = this.engine.now();
    if (this.shardRollMs > 0) this.roll((meta) => now - openShardOf(meta)!.openedAt >= this.shardRollMs);
    for (const meta of this.storage.streams()) {
      if (meta.disabledAt !== undefined && now - meta.disabledAt >= RETENTION_MS) await this.#forget(meta);
      else await this.#trim(meta, now - RETENTION_MS);
    }
    // Once no stream has records in a log segment, the file goes (storage/stream-log.ts).
    this.storage.dropUnusedSegments();
  }

  async #trim(meta: StreamMeta, before: number) {
    let through = 0;
    for (;;) {
      const step = await this.engine.storage.store.writes.run(() =>
        this.storage.trim(meta.tableId, meta.createdAt, before, TRIM_BATCH),
      );
      through = Math.max(through, step.through);
      if (!step.more) break;
    }
    const fresh = this.storage.stream(meta.arn);
    if (!fresh) return;
    const shards = fresh.shards.filter((s) => s.closedAt === undefined || s.closedAt > before);
    if (through <= fresh.trimmedThrough && shards.length === fresh.shards.length) return;
    fresh.trimmedThrough = Math.max(fresh.trimmedThrough, through);
    fresh.shards = shards;
    this.storage.putStream(fresh);
  }

  async #forget(meta: StreamMeta) {
    const { store } = this.engine.storage;
    while (!(await store.writes.run(() => this.storage.dropRecords(meta.tableId, meta.createdAt, TRIM_BATCH)))) {
      // bounded batches until none remain
    }
    // Its numbers stay used: a consumer's LATEST iterator on another stream may already point past them.
    this.storage.removeStream(meta.arn, this.#nextSeq - 1);
  }

  /** ENABLING/DISABLING last as long as the engine's table transitions (tableDelayMs), as DescribeTable's do. */
  status(meta: StreamMeta): StreamStatus {
    const now = this.engine.now();
    const delay = this.engine.options.tableDelayMs;
    if (meta.disabledAt !== undefined) return delay > 0 && now < meta.disabledAt + delay ? 'DISABLING' : 'DISABLED';
    return delay > 0 && now < meta.createdAt + delay ? 'ENABLING' : 'ENABLED';
  }
}

export const openShardOf = (meta: StreamMeta): ShardMeta | undefined => {
  const last = meta.shards[meta.shards.length - 1];
  return last && last.end === undefined ? last : undefined;
};

/** Shard ids as DynamoDB's look (`shardId-<20 digits>-<8 hex>`, 37 characters), in creation order. */
function openShard(meta: StreamMeta, start: number, now: number, parent: string | undefined) {
  const id = `shardId-${String(now).padStart(20, '0')}-${meta.shardCount.toString(16).padStart(8, '0')}`;
  meta.shardCount++;
  meta.shards.push({ ShardId: id, ...(parent && { ParentShardId: parent }), start, openedAt: now });
}

/** True when a write left the item as it was: equal stored texts say so at once; different sizes (equal items
 *  always measure the same) say it changed; only then are the items compared attribute by attribute. */
function unchanged({ oldItem, newItem, oldText, newText }: ItemChange): boolean {
  if (!oldItem || !newItem) return false;
  if (oldText !== undefined && newText !== undefined) {
    if (oldText === newText) return true;
    if (storedSize(oldText) !== storedSize(newText)) return false;
  }
  return itemsEqual(oldItem, newItem);
}

function itemsEqual(a: Item, b: Item): boolean {
  let count = 0;
  for (const name in a) {
    const other = b[name];
    if (other === undefined || !valuesEqual(a[name]!, other)) return false;
    count++;
  }
  return count === Object.keys(b).length;
}
