// Key layout versions of the items sub-database. Every entry key embeds a placement prefix (storage/items-keys.ts);
// when the prefix scheme changes, every key of every table and index entry changes with it, so a data dir written
// by an earlier layout is rewritten once at open.
//   layout 1 (database `items`):    4-byte FNV-1a/murmur prefix of the encoded partition key; index entries end in
//                                   the table key alone.
//   layout 2 (database `items.k2`): DynamoDB's placement hash (model/key-hash.ts); index entries carry the table
//                                   key's placement hash before the table key.
// Nothing else stores item storage keys: TTL entries, backups and stream records hold item keys or items (meta and
// streams sub-databases), and stats are keyed by table and index id alone.
//
// Crash safety: the new layout goes to a database of its own that nothing reads until the migration is done. Each
// bounded commit copies a run of legacy entries and records the last legacy key copied (the cursor) in the same
// transaction, so a kill at any point leaves legacy entries untouched and the new database holding exactly the
// entries up to the cursor; the next open resumes after the cursor. The last commit sets the layout marker and
// empties the legacy database together.
import type { Database, RootDatabase } from 'lmdb';
import { decodeStored, type StoredItem } from '../item-codec.js';
import { indexEntryKey, tableItemKey } from '../items-keys.js';
import type { IndexMeta, TableMeta } from '../types.js';

export const KEY_LAYOUT = 2;
/** The database that holds the items in the current layout. */
export const ITEMS_DB = 'items.k2';
const LEGACY_ITEMS_DB = 'items';
const LAYOUT_KEY = 'keyLayout';
const CURSOR_KEY = 'keyLayoutCursor';
const DEFAULT_CHUNK = 1000;

export interface KeyLayoutOptions {
  /** Entries per commit. */
  chunk?: number;
  /** Called after each committed chunk (tests stop or kill the process there to model a crash). */
  afterChunk?: (copied: number) => void;
}

/** True when the data dir's items are in an earlier key layout (or it is new and unmarked). */
export function needsKeyLayoutMigration(meta: Database<unknown, string>): boolean {
  return meta.get(LAYOUT_KEY) !== KEY_LAYOUT;
}

/** The legacy database, as stored text with binary keys (what the item-format upgrade leaves there). */
export function legacyItemsDb(env: RootDatabase): Database<StoredItem, Buffer> {
  return env.openDB({ name: LEGACY_ITEMS_DB, keyEncoding: 'binary', encoding: 'string' }) as Database<
    StoredItem,
    Buffer
  >;
}

/**
 * Rewrites every legacy entry under its current-layout key into ITEMS_DB, in bounded commits, resuming after the
 * cursor a previous (interrupted) run left. Entries of tables or indexes that are no longer in the catalog (an
 * interrupted DeleteTable or index removal) are left behind: nothing could read them. True when it wrote anything.
 */
export function migrateKeyLayout(
  env: RootDatabase,
  catalog: Database<TableMeta, string>,
  meta: Database<unknown, string>,
  options: KeyLayoutOptions = {},
): boolean {
  if (!needsKeyLayoutMigration(meta)) return false;
  const legacy = legacyItemsDb(env);
  const target = env.openDB({ name: ITEMS_DB, keyEncoding: 'binary', encoding: 'string' }) as Database<
    StoredItem,
    Buffer
  >;
  const tables = tablesById(catalog);
  const chunk = options.chunk ?? DEFAULT_CHUNK;
  const cursor = meta.get(CURSOR_KEY);
  let start = typeof cursor === 'string' ? Buffer.from(cursor, 'hex') : undefined;
  let copied = 0;
  for (;;) {
    const entries = [...legacy.getRange({ start, exclusiveStart: start !== undefined, limit: chunk })];
    if (entries.length === 0) break;
    const last = entries[entries.length - 1]!.key;
    env.transactionSync(() => {
      for (const { key, value } of entries) {
        const newKey = currentKeyOf(tables, key, value);
        if (newKey) void target.put(newKey, value);
      }
      void meta.put(CURSOR_KEY, Buffer.from(last).toString('hex'));
    });
    copied += entries.length;
    options.afterChunk?.(copied);
    start = Buffer.from(last);
  }
  env.transactionSync(() => {
    void meta.put(LAYOUT_KEY, KEY_LAYOUT);
    void meta.remove(CURSOR_KEY);
    legacy.clearSync();
  });
  return true;
}

function tablesById(catalog: Database<TableMeta, string>): Map<number, TableMeta> {
  const byId = new Map<number, TableMeta>();
  for (const { value } of catalog.getRange({})) byId.set(value.id, value);
  return byId;
}

function indexById(table: TableMeta, id: number): IndexMeta | undefined {
  return table.GlobalSecondaryIndexes.find((i) => i.id === id) ?? table.LocalSecondaryIndexes.find((i) => i.id === id);
}

/** The current-layout key of a legacy entry, computed from the stored item (long keys were cut to a digest, so the
 *  key bytes alone cannot always be decoded), or undefined for an orphan entry. */
function currentKeyOf(tables: Map<number, TableMeta>, legacyKey: Buffer, stored: StoredItem): Buffer | undefined {
  const table = tables.get(legacyKey.readUInt32BE(0));
  if (!table) return undefined;
  const indexId = legacyKey.readUInt16BE(4);
  const item = decodeStored(stored);
  if (indexId === 0) return tableItemKey(table, item);
  const index = indexById(table, indexId);
  return index ? indexEntryKey(table, index, item) : undefined;
}
