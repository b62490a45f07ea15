// The in-process DynamoDB: one Storage (LMDB store, catalog, metadata) per data dir, the operation registry and
// request contexts. The HTTP server is a thin wire-protocol adapter over dispatchWire(); the controller's
// in-process client calls dispatch() directly.
import { join } from 'node:path';
import { DynamoDBError } from './errors.js';
import { inValueLayer } from './model/value-faults.js';
import { operations } from './operations/index.js';
import type { Operation, RequestContext } from './operations/types.js';
import { textBody, WireBody } from './operations/wire-body.js';
import { nextRequestId } from './server/request-id.js';
import type { Catalog } from './storage/catalog.js';
import { resumeBackfills } from './storage/items.js';
import { openStorage, type Storage } from './storage/storage.js';
import { DEFAULT_SEGMENT_BYTES } from './storage/stream-log.js';
import type { SyncMode } from './storage/store.js';
import { startReplication, stopReplication } from './features/global-tables/replication.js';
import { resumeRestores } from './features/backups/restore.js';
import { startTtl, stopTtl } from './features/ttl/service.js';
import { DEFAULT_SHARD_ROLL_MS, startStreams, stopStreams } from './streams/index.js';
import { compileValidator, type Validator } from './validation/index.js';

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
  /** Size past which the stream record log starts a new segment file (storage/stream-log.ts). Default 64 MiB; tests
   *  make it small to see segments roll over and go. */
  streamLogSegmentBytes?: number;
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

const DEFAULTS = {
  accountId: '000000000000',
  region: 'us-west-2',
  isolation: 'account-region' as Isolation,
  tableDelayMs: 0,
  sync: 'background' as const,
  ttlSweepIntervalMs: 1000,
  streamShardRollMs: DEFAULT_SHARD_ROLL_MS,
  streamLogSegmentBytes: DEFAULT_SEGMENT_BYTES,
};

/** Each operation's schema compiled once, shared by every engine in the process. */
const validators = new Map<string, Validator>();
function validatorFor(op: Operation<any>): Validator {
  let validator = validators.get(op.name);
  if (!validator) {
    validator = compileValidator(op.input);
    validators.set(op.name, validator);
  }
  return validator;
}

const TWELVE_DIGITS = /^\d{12}$/;

export async function openEngine(options: EngineOptions): Promise<DynamoDBEngine> {
  const resolved: DynamoDBEngine['options'] = {
    dataDir: options.dataDir,
    accountId: options.accountId ?? DEFAULTS.accountId,
    region: options.region ?? DEFAULTS.region,
    isolation: options.isolation ?? DEFAULTS.isolation,
    tableDelayMs: options.tableDelayMs ?? DEFAULTS.tableDelayMs,
    sync: options.sync ?? DEFAULTS.sync,
    ttlSweepIntervalMs: options.ttlSweepIntervalMs ?? DEFAULTS.ttlSweepIntervalMs,
    streamShardRollMs: options.streamShardRollMs ?? DEFAULTS.streamShardRollMs,
    streamLogSegmentBytes: options.streamLogSegmentBytes ?? DEFAULTS.streamLogSegmentBytes,
  };
  const now = options.now ?? Date.now;
  const storage = openStorage(
    {
      path: join(resolved.dataDir, 'dynamodb'),
      sync: resolved.sync,
      streamLogSegmentBytes: resolved.streamLogSegmentBytes,
    },
    now,
  );
  let closed: Promise<void> | undefined;

  const run = (operation: string, input: unknown, ctx: RequestContext) => {
    const op = operations.get(operation);
    if (!op) throw new DynamoDBError('UnknownOperationException', '');
    op.beforeSchema?.(input);
    const checked = validatorFor(op)(input);
    if (!op.valueLayer) return op.handle(checked, { ...ctx, engine });
    return inValueLayer(op.valueLayer, () => op.handle(checked, { ...ctx, engine }));
  };
  const engine: DynamoDBEngine = {
    options: resolved,
    storage,
    catalog: storage.catalog,
    now,
    contextFor(caller: CallerIdentity, requestId?: string): RequestContext {
      const region = caller.region || resolved.region;
      const key = caller.accessKeyId;
      const accountId = caller.accountId ?? (key && TWELVE_DIGITS.test(key) ? key : resolved.accountId);
      return {
        accountId,
        region,
        namespace: namespaceFor(resolved.isolation, accountId, region, key),
        requestId: requestId ?? nextRequestId(),
      };
    },
    async dispatch(operation: string, input: unknown, ctx: RequestContext): Promise<unknown> {
      const result = await run(operation, input, ctx);
      return result instanceof WireBody ? result.toObject() : result;
    },
    async dispatchWire(operation: string, input: unknown, ctx: RequestContext): Promise<WireBody> {
      const result = await run(operation, input, ctx);
      return result instanceof WireBody ? result : textBody(result);
    },
    close() {
      closed ??= (async () => {
        await stopStreams(engine);
        await stopTtl(engine);
        await stopReplication(engine);
        await storage.store.close();
      })();
      return closed;
    },
  };

  // DynamoDB Streams first: its change hook must see every write, the backfills' and restores' included.
  startStreams(engine);
  await resumeBackfills(storage.store);
  // Engine-lifetime services of the features group: TTL expiry and global-table replication.
  startTtl(engine);
  startReplication(engine);
  // A RestoreTableFromBackup copy cut short by a crash resumes in the background (the table stays CREATING).
  void resumeRestores(engine);
  return engine;
}

/**
 * The isolation namespace tables live in:
 *   account-region  one per (account, region), as in AWS
 *   access-key      one per (access key id, region), as DynamoDB Local without -sharedDb
 *   shared          one for everybody
 */
export function namespaceFor(isolation: Isolation, accountId: string, region: string, accessKeyId?: string): string {
  switch (isolation) {
    case 'shared':
      return 'shared';
    case 'access-key':
      return `key:${accessKeyId ?? accountId}:${region}`;
    default:
      return `account:${accountId}:${region}`;
  }
}
