// The in-process DynamoDB: one LMDB store and catalog per data dir, the operation registry, request contexts.
import { join } from 'node:path';
import type { CallerIdentity, DynamoDBEngine, EngineOptions, Isolation } from './engine.js';
import { DynamoDBError } from './errors.js';
import { operations } from './operations/index.js';
import type { Operation, RequestContext } from './operations/types.js';
import { textBody, WireBody } from './operations/wire-body.js';
import { nextRequestId } from './server/request-id.js';
import { resumeBackfills } from './storage/items.js';
import { openStorage } from './storage/storage.js';
import { startReplication, stopReplication } from './replication/index.js';
import { resumeRestores } from './operations/features/support/restore.js';
import { startTtl, stopTtl } from './ttl/index.js';
import { DEFAULT_SHARD_ROLL_MS, startStreams, stopStreams } from './streams/index.js';
import { compileValidator, type Validator } from './validation/index.js';

const DEFAULTS = {
  accountId: '000000000000',
  region: 'us-west-2',
  isolation: 'account-region' as Isolation,
  tableDelayMs: 0,
  sync: 'background' as const,
  ttlSweepIntervalMs: 1000,
  streamShardRollMs: DEFAULT_SHARD_ROLL_MS,
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
  };
  const now = options.now ?? Date.now;
  const storage = openStorage({ path: join(resolved.dataDir, 'dynamodb'), sync: resolved.sync }, now);
  let closed: Promise<void> | undefined;

  const run = (operation: string, input: unknown, ctx: RequestContext) => {
    const op = operations.get(operation);
    if (!op) throw new DynamoDBError('UnknownOperationException', '');
    return op.handle(validatorFor(op)(input), { ...ctx, engine });
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
