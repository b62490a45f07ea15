// The embedded DynamoDB on its own: what `ack-local dynamodb` runs (a DynamoDB Local stand-in) and what
// `ack-local up` starts first. Imports only the DynamoDB package, so the DynamoDB-only command loads no kube or
// controller code (the controller's in-process client is loaded only to apply --seed files).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, createDynamoDBServer, type DynamoDBEngine, type SyncMode } from '@ack-local/dynamodb';
import type { ResourceClient } from '@ack-local/kube-apiserver';
import type { DynamoDBClient } from '@ack-local/controller';
import type { UpConfig } from './config.js';
import { seed } from './data/seed.js';
import { LOCAL_ACCESS_KEY_ID } from './environment.js';
import type { Logger } from './logger.js';
import { lockDataDir, LOCK_FILE, notWritable, type DataDirLock } from './data-dir-lock.js';
import { ensurePortsFree, portError, type WantedPort } from './ports.js';
import { ConfigError } from './errors.js';

const urlHost = (host: string) =>
  host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

/** The part of a fastify instance the CLI needs (the packages own their fastify). */
interface Listener {
  listen(options: { host: string; port: number }): Promise<unknown>;
  server: { address(): unknown };
}

export async function listen(app: Listener, host: string, wanted: WantedPort): Promise<string> {
  const { port } = wanted;
  await app.listen({ host, port }).catch((e) => {
    throw portError(host, wanted, e); // taken between ensurePortsFree and now
  });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? (address as { port: number }).port : port;
  return `http://${urlHost(host)}:${actual}`;
}

/** The servers' own loggers: warnings and errors at the default level (our one "ready" line per component says
 *  where they listen), everything at debug. */
export function serverLogger(log: Logger, component: string): Logger {
  return log.child({ component }, { level: log.isLevelEnabled('debug') ? log.level : 'warn' });
}

export const DYNAMODB_PORT = (config: UpConfig): WantedPort => ({
  port: config.dynamodbPort,
  flag: '--dynamodb-port',
  what: 'DynamoDB',
});

export interface PreparedDataDir {
  dataDir: string;
  lock: DataDirLock;
}

/** The data dir to use, claimed for this process (data-dir-lock.ts): a throwaway one for --in-memory, emptied
 *  first for --reset (after claiming it: never wipe a running instance's data). */
export async function prepareDataDir(config: UpConfig): Promise<PreparedDataDir> {
  const dataDir = config.inMemory ? await mkdtemp(join(tmpdir(), 'ack-local-')) : config.dataDir;
  const lock = await lockDataDir(dataDir);
  if (config.reset && !config.inMemory) {
    try {
      for (const entry of await readdir(dataDir))
        if (entry !== LOCK_FILE) await rm(join(dataDir, entry), { recursive: true, force: true });
    } catch (e) {
      await lock.release();
      throw notWritable(dataDir, e);
    }
  }
  return { dataDir, lock };
}

/** What the ready line says of durability (packages/dynamodb README, "Durability"). */
const SYNC_LABEL: Record<SyncMode, string> = {
  background: 'writes answered once committed, flushed to disk within 100 ms',
  always: 'writes answered once flushed to disk',
  never: 'no fsync: a machine crash can lose or corrupt data',
};

export interface RunningDynamoDB {
  url: string;
  engine: DynamoDBEngine;
  close(): Promise<void>;
}

/** The embedded DynamoDB: engine on LMDB plus its HTTP server, listening once `prepare` (seeding) is done. */
export async function startDynamoDB(
  config: UpConfig,
  dataDir: string,
  log: Logger,
  prepare?: (engine: DynamoDBEngine) => Promise<void>,
): Promise<RunningDynamoDB> {
  const engine = await openEngine({
    dataDir,
    accountId: config.accountId,
    region: config.region,
    isolation: config.isolation,
    tableDelayMs: config.tableDelayMs,
    // A throwaway data dir dies with the process, so flushing it to disk buys nothing: --in-memory implies no fsync.
    sync: config.inMemory ? 'never' : config.sync,
  });
  try {
    await prepare?.(engine);
    const app = await createDynamoDBServer({
      engine,
      logger: serverLogger(log, 'dynamodb'),
      busyPollUs: config.busyPollUs,
      cors: config.cors,
    });
    const url = await listen(app, config.host, DYNAMODB_PORT(config));
    log.info(
      { component: 'dynamodb' },
      `DynamoDB ready at ${url} (${config.inMemory ? `in memory: throwaway data in ${dataDir}, removed at exit` : `data in ${dataDir}`}; ${SYNC_LABEL[engine.options.sync]})`,
    );
    return {
      url,
      engine,
      async close() {
        await app.close();
        await engine.close();
      },
    };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

export const seedContext = (
  config: UpConfig,
  dynamodb: DynamoDBClient,
  kube: ResourceClient | undefined,
  log: Logger,
) => ({
  dynamodb,
  kube: kube as ResourceClient,
  target: { region: config.region, accountId: config.accountId },
  log: (msg: string) => log.info({ component: 'seed' }, msg),
});

/** Only the DynamoDB server (`ack-local dynamodb`): a drop-in for DynamoDB Local. */
export async function startDynamoDBOnly(config: UpConfig, log: Logger): Promise<RunningDynamoDB> {
  const yaml = config.seed.find((f) => /\.ya?ml$/i.test(f));
  if (yaml) throw new ConfigError(`--seed ${yaml}: Kubernetes manifests need \`ack-local up\``);
  const { dataDir, lock } = await prepareDataDir(config);
  const release = async () => {
    await lock.release();
    if (config.inMemory) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await ensurePortsFree(config.host, [DYNAMODB_PORT(config)]);
    const dynamodb = await startDynamoDB(config, dataDir, log, async (engine) => {
      if (config.seed.length === 0) return;
      const { createInProcessDynamoDBClient } = await import('@ack-local/controller');
      const client = createInProcessDynamoDBClient(engine, { accessKeyId: LOCAL_ACCESS_KEY_ID });
      for (const file of config.seed) await seed(file, seedContext(config, client, undefined, log));
    });
    await lock.update({ dynamodbUrl: dynamodb.url });
    return {
      ...dynamodb,
      async close() {
        await dynamodb.close();
        await release();
      },
    };
  } catch (e) {
    await release();
    throw e;
  }
}
