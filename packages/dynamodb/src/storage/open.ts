// Opens the one LMDB environment of a data dir and its four named sub-databases (layout: store.ts, README).
import { mkdirSync } from 'node:fs';
import { open, type Database } from 'lmdb';
import type { Item } from '../model/index.js';
import type { Store, StoreOptions } from './store.js';
import type { TableMeta } from './types.js';

export function openStore(options: StoreOptions): Store {
  mkdirSync(options.path, { recursive: true });
  const env = open({
    path: options.path,
    maxDbs: 8,
    // Durable by default: every commit is flushed before it resolves. noSync trades crash safety for speed.
    noSync: options.noSync ?? false,
  });
  const catalog = env.openDB<TableMeta, string>({ name: 'catalog' });
  const items = env.openDB<Item, Buffer>({ name: 'items', keyEncoding: 'binary' }) as Database<Item, Buffer>;
  const stats = env.openDB<{ count: number; bytes: number }, Buffer>({ name: 'stats', keyEncoding: 'binary' }) as Database<
    { count: number; bytes: number },
    Buffer
  >;
  const meta = env.openDB<unknown, string>({ name: 'meta' });
  let closed: Promise<void> | undefined;
  return {
    env,
    catalog,
    items,
    stats,
    meta,
    close() {
      // Idempotent: several owners (engine, tests) may close the same store.
      closed ??= env.close();
      return closed;
    },
  };
}
