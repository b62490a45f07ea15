// The one LMDB environment of a data dir and its named sub-databases. Layout (documented in the package README):
//   catalog : `${namespace}\u0000${TableName}` → TableMeta                    (msgpack)
//   items.k2: u32 tableId | u16 indexId (0 = table) | 3-byte hashPrefix | enc(hash) [| enc(range)]
//             [| table key hashPrefix | enc(table hash) [| enc(table range)] for index entries]
//                                                                            → 7-digit size | item wire JSON
//             (storage/items-keys.ts; storage/item-codec.ts; `items` decodes to Item, `rawItems` gives the stored
//             bytes). Key layout 2; earlier layouts (database `items`) are migrated at open
//             (storage/migrations/key-layout.ts).
//   stats   : u32 tableId | u16 indexId → { count, bytes }                   (live ItemCount / size)
//   meta    : string keys → counters (nextTableId, itemFormat, keyLayout) and the feature records of storage/metadata/
import { mkdirSync } from 'node:fs';
import { BackgroundFlush } from '@ack-local/lmdb-flush';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Item } from '../model/index.js';
import { GroupCommit } from './group-commit.js';
import { ITEM_FORMAT, itemCodec, latin1Keys, type StoredItem } from './item-codec.js';
import { DEFAULT_SEGMENT_BYTES } from './stream-log.js';
import { ITEMS_DB, migrateKeyLayout, type KeyLayoutOptions } from './migrations/key-layout.js';
import type { TableMeta } from './types.js';

export interface StoreOptions {
  /** Directory of the LMDB environment. */
  path: string;
  /** When commits reach the disk (package README, "Durability"). Default 'background'. */
  sync?: SyncMode;
  /** 'background': the longest a commit waits for its flush. Default 100 ms. */
  flushIntervalMs?: number;
  /** Size past which the stream record log starts a new segment (storage/stream-log.ts). */
  streamLogSegmentBytes?: number;
  /** Tuning of the one-off key-layout migration at open (tests). */
  keyLayout?: KeyLayoutOptions;
}

/** What an answered write has survived:
 *  - 'always': fsynced before the answer (survives power loss; one fsync per group commit);
 *  - 'background': committed before the answer (survives a crash or kill of the server), fsynced at most
 *    flushIntervalMs later (@ack-local/lmdb-flush);
 *  - 'never': committed, left to the OS to write back (throwaway data dirs). */
export type SyncMode = 'always' | 'background' | 'never';

export interface Store {
  /** The data dir (LMDB's files, and the stream record log: storage/stream-log.ts). */
  readonly path: string;
  readonly sync: SyncMode;
  /** 'background': the longest a commit waits for its flush. */
  readonly flushIntervalMs: number;
  readonly streamLogSegmentBytes: number;
  readonly env: RootDatabase;
  readonly catalog: Database<TableMeta, string>;
  readonly items: Database<Item, Buffer>;
  /** The items database again, values as stored text (whole-item reads; writes that know the item's size) and keys
   *  read back as latin1 strings (storage/item-codec.ts). */
  readonly rawItems: Database<StoredItem, Buffer>;
  readonly stats: Database<{ count: number; bytes: number }, Buffer>;
  readonly meta: Database<unknown, string>;
  /** Every write but the catalog's: one synchronous commit per event-loop turn (storage/group-commit.ts). */
  readonly writes: GroupCommit;
  /** Call after a commit made outside `writes` (the catalog's), so that the background flush covers it. */
  committed(): void;
  /** Resolves once every commit so far is on disk, whatever the sync mode. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function openStore(options: StoreOptions): Store {
  mkdirSync(options.path, { recursive: true });
  const sync = options.sync ?? 'background';
  const env = open({
    path: options.path,
    maxDbs: 8,
    // Only 'always' fsyncs in the commit itself; 'background' leaves it to @ack-local/lmdb-flush.
    noSync: sync !== 'always',
  });
  const flusher = new BackgroundFlush(env, options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
  const committed = sync === 'background' ? () => flusher.soon() : () => {};
  const catalog = env.openDB<TableMeta, string>({ name: 'catalog' });
  const meta = env.openDB<unknown, string>({ name: 'meta' });
  // Earlier data dirs: item format first (it rewrites the legacy database in place), then the key layout.
  const upgraded = upgradeItemFormat(env, meta);
  if (migrateKeyLayout(env, catalog, meta, options.keyLayout) || upgraded) committed();
  // lmdb-js takes any { encode, decode } as `encoder`; its typings only list the built-in encodings.
  const itemOptions = { name: ITEMS_DB, keyEncoding: 'binary', encoder: itemCodec } as {
    name: string;
    keyEncoding: 'binary';
  };
  const items = env.openDB<Item, Buffer>(itemOptions) as Database<Item, Buffer>;
  // The same entries as stored text: whole-item reads copy it into answers, writes store it (storage/item-codec.ts).
  const rawOptions = { name: ITEMS_DB, keyEncoder: latin1Keys, encoding: 'string' } as {
    name: string;
    encoding: 'string';
  };
  const rawItems = env.openDB<StoredItem, Buffer>(rawOptions) as Database<StoredItem, Buffer>;
  const stats = env.openDB<{ count: number; bytes: number }, Buffer>({
    name: 'stats',
    keyEncoding: 'binary',
  }) as Database<{ count: number; bytes: number }, Buffer>;
  const writes = new GroupCommit(env, committed);
  let closed: Promise<void> | undefined;
  return {
    path: options.path,
    sync,
    flushIntervalMs: options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS,
    streamLogSegmentBytes: options.streamLogSegmentBytes ?? DEFAULT_SEGMENT_BYTES,
    env,
    catalog,
    items,
    rawItems,
    stats,
    meta,
    writes,
    committed,
    async flush() {
      await writes.flushParticipants();
      await flusher.now();
    },
    close() {
      // Idempotent: several owners (engine, tests) may close the same store. Queued writes commit first.
      closed ??= (async () => {
        writes.commitQueued();
        // lmdb-js 3.5 deadlocks when env.close() runs in the same tick as a transactionSync commit (its native close
        // waits for the writer lock): let the event loop turn once.
        await new Promise((resolve) => setImmediate(resolve));
        // Whatever the mode, a clean stop leaves everything on disk.
        await writes.closeParticipants();
        await flusher.now();
        await env.close();
      })();
      return closed;
    },
  };
}

const FORMAT_KEY = 'itemFormat';
const DEFAULT_FLUSH_INTERVAL_MS = 100;
const UPGRADE_CHUNK = 1000;

/**
 * Data dirs written before ITEM_FORMAT 2 stored items as msgpack (in key layout 1's database `items`): rewrite them
 * once, in bounded commits (a new data dir only gets the format marker). True when it wrote anything.
 */
function upgradeItemFormat(env: RootDatabase, meta: Database<unknown, string>): boolean {
  if (meta.get(FORMAT_KEY) === ITEM_FORMAT) return false;
  const items = env.openDB({ name: 'items', keyEncoding: 'binary', encoder: itemCodec } as {
    name: string;
    keyEncoding: 'binary';
  }) as Database<Item, Buffer>;
  const legacy = env.openDB<Item, Buffer>({ name: 'items', keyEncoding: 'binary' }) as Database<Item, Buffer>; // msgpack
  let start: Buffer | undefined;
  for (;;) {
    const chunk = [...legacy.getRange({ start, exclusiveStart: start !== undefined, limit: UPGRADE_CHUNK })];
    if (chunk.length === 0) break;
    env.transactionSync(() => {
      for (const { key, value } of chunk) void items.put(key, value);
    });
    start = chunk[chunk.length - 1]!.key;
  }
  env.transactionSync(() => void meta.put(FORMAT_KEY, ITEM_FORMAT));
  return true;
}
