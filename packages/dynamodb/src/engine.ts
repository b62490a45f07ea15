// CONTRACT (implemented by the storage/control-plane owner): the in-process DynamoDB. The HTTP server is a thin
// wire-protocol adapter over dispatchWire(); the controller's in-process client calls dispatch() directly.
import type { SyncMode } from './storage/store.js';
import type { Catalog } from './storage/catalog.js';
import type { Storage } from './storage/storage.js';
import type { RequestContext } from './operations/types.js';
import type { WireBody } from './operations/wire-body.js';

export type Isolation = 'account-region' | 'access-key' | 'shared';

export interface EngineOptions {
  /** LMDB directory. */
  dataDir: string;
  /** Account used when the access key id is not 12 digits. Default 000000000000. */
  accountId?: string;
  /** Region used when a request carries none. Default us-west-2. */
  region?: string;
  /** account-region (AWS), access-key (DynamoDB Local's default) or shared. Default account-region. */
  isolation?: Isolation;
  /** How long CREATING/UPDATING/DELETING lasts. Default 0 (settled by the next read). */
  tableDelayMs?: number;
  /** When answered writes reach the disk: 'background' (default: committed before the answer, fsynced within
   *  100 ms), 'always' (fsynced before the answer) or 'never' (throwaway data dirs). Package README, "Durability". */
  sync?: SyncMode;
  /** How often expired TTL items are deleted. Default 1000 ms; 0 disables the sweeper. */
  ttlSweepIntervalMs?: number;
  /** How long a DynamoDB Streams shard stays open before it rolls over (closes, and a child opens). Default 4 hours,
   *  as DynamoDB's; rollStreamShards() rolls on demand. */
  streamShardRollMs?: number;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}

export interface CallerIdentity {
  accessKeyId?: string;
  region?: string;
  accountId?: string;
}

export interface DynamoDBEngine {
  readonly options: Required<Omit<EngineOptions, 'now'>>;
  /** The only way to the data: store, catalog, metadata and the item change hooks and listeners. */
  readonly storage: Storage;
  /** The table catalog (the same as storage.catalog). */
  readonly catalog: Catalog;
  now(): number;
  /** Resolves who is calling into account, region and isolation namespace. */
  contextFor(caller: CallerIdentity, requestId?: string): RequestContext;
  /** Validates input against the operation's schema and runs it. Throws DynamoDBError. */
  dispatch(operation: string, input: unknown, ctx: RequestContext): Promise<unknown>;
  /** As dispatch, answering with the response body's JSON text, in pieces (what the HTTP layer sends). */
  dispatchWire(operation: string, input: unknown, ctx: RequestContext): Promise<WireBody>;
  close(): Promise<void>;
}

export { openEngine } from './engine-impl.js';
