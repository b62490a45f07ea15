// Opens the one LMDB environment of a data dir and its named sub-databases (layout: store.ts, README).
import { mkdirSync } from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Item } from '../model/index.js';
import { ITEM_FORMAT, itemCodec, latin1Keys, type StoredItem } from './item-codec.js';
import type { Store, StoreOptions } from './store.js';
import { GroupCommit } from './group-commit.js';
import { BackgroundFlush } from '@ack-local/lmdb-flush';
import type { TableMeta } from './types.js';

export function openStore(options: StoreOptions): Store {
  mkdirSync(options.path, { recursive: true });
  const sync = options.sync ?? 'background';
  const env = open({
    path: options.path,
    maxDbs: 8,
    // Only 'always' fsyncs in the commit itself; 'background' leaves it to @ack-local/lmdb-flush.
    noSync: sync !== 'always',
  });
  const flusher = new BackgroundFlush(env, options.flushIntervalMs); // undefined: the package default (100 ms)
  const committed = sync === 'background' ? () => flusher.soon() : () => {};
  const catalog = env.openDB<TableMeta, string>({ name: 'catalog' });
  // lmdb-js takes any { encode, decode } as `encoder`; its typings only list the built-in encodings.
  const itemOptions = { name: 'items', keyEncoding: 'binary', encoder: itemCodec } as {
    name: string;
    keyEncoding: 'binary';
  };
  const items = env.openDB<Item, Buffer>(itemOptions) as Database<Item, Buffer>;
  // The same entries as stored text: whole-item reads copy it into answers, writes store it (storage/item-codec.ts).
  const rawOptions = { name: 'items', keyEncoder: latin1Keys, encoding: 'string' } as {
    name: string;
    encoding: 'string';
  };
  const rawItems = env.openDB<StoredItem, Buffer>(rawOptions) as Database<StoredItem, Buffer>;
  const stats = env.openDB<{ count: number; bytes: number }, Buffer>({
    name: 'stats',
    keyEncoding: 'binary',
  }) as Database<{ count: number; bytes: number }, Buffer>;
  const meta = env.openDB<unknown, string>({ name: 'meta' });
  if (upgradeItemFormat(env, items, meta)) committed();
  const writes = new GroupCommit(env, committed);
  let closed: Promise<void> | undefined;
  return {
    env,
    catalog,
    items,
    rawItems,
    stats,
    meta,
    writes,
    committed,
    flush: () => flusher.now(),
    close() {
      // Idempotent: several owners (engine, tests) may close the same store. Queued writes commit first.
      closed ??= (async () => {
        writes.commitQueued();
        // lmdb-js 3.5 deadlocks when env.close() runs in the same tick as a transactionSync commit (its native close
        // waits for the writer lock): let the event loop turn once.
        await new Promise((resolve) => setImmediate(resolve));
        // Whatever the mode, a clean stop leaves everything on disk.
        await flusher.now();
        await env.close();
      })();
      return closed;
    },
  };
}

const FORMAT_KEY = 'itemFormat';
const UPGRADE_CHUNK = 1000;

/**
 * Data dirs written before ITEM_FORMAT 2 stored items as msgpack: rewrite them once, in bounded commits (a new data
 * dir only gets the format marker). True when it wrote anything.
 */
function upgradeItemFormat(env: RootDatabase, items: Database<Item, Buffer>, meta: Database<unknown, string>): boolean {
  if (meta.get(FORMAT_KEY) === ITEM_FORMAT) return false;
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
