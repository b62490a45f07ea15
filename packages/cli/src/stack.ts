// Starts the three components in one process, wired the one way the architecture allows:
// controller → {kube-apiserver, dynamodb}. The CLI and the end-to-end tests both start the system through here.
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, createDynamoDBServer, type DynamoDBEngine } from '@ack-local/dynamodb';
import { createKubeApiServer, writeKubeconfig, type KubeApiServer, type ResourceClient } from '@ack-local/kube-apiserver';
import {
  ackCustomResourceDefinitions,
  startController,
  createInProcessDynamoDBClient,
  createHttpDynamoDBClient,
  type DynamoDBClient,
} from '@ack-local/controller';
import type { UpConfig } from './config.js';
import { seed } from './data/seed.js';
import { LOCAL_ACCESS_KEY_ID } from './environment.js';
import type { Logger } from './logger.js';

export interface Stack {
  /** From the start of startStack to every component ready. */
  readonly readyMs: number;
  readonly dataDir: string;
  readonly dynamodbUrl: string;
  readonly kubeUrl: string;
  /** Always <dataDir>/kubeconfig; also written to config.kubeconfig when set. */
  readonly kubeconfigPath: string;
  readonly engine: DynamoDBEngine;
  readonly kube: KubeApiServer;
  close(): Promise<void>;
}

const urlHost = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/** The part of a fastify instance the CLI needs (the packages own their fastify). */
interface Listener {
  listen(options: { host: string; port: number }): Promise<unknown>;
  server: { address(): unknown };
}

async function listen(app: Listener, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? (address as { port: number }).port : port;
  return `http://${urlHost(host)}:${actual}`;
}

/** The servers' own loggers: warnings and errors at the default level (our one "ready" line per component says
 *  where they listen), everything at debug. */
function serverLogger(log: Logger, component: string): Logger {
  return log.child({ component }, { level: log.isLevelEnabled('debug') ? log.level : 'warn' });
}

function kubeVersion(v: string) {
  const [major = '1', minor = '32'] = v.replace(/^v/, '').split('.');
  return { major, minor, gitVersion: `v${major}.${minor}.9-ack-local` };
}

/** The data dir to use: a throwaway one for --in-memory, wiped first for --reset. */
async function prepareDataDir(config: UpConfig): Promise<string> {
  const dataDir = config.inMemory ? await mkdtemp(join(tmpdir(), 'ack-local-')) : config.dataDir;
  if (config.reset && !config.inMemory) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  return dataDir;
}

interface RunningDynamoDB {
  url: string;
  engine: DynamoDBEngine;
  close(): Promise<void>;
}

/** The embedded DynamoDB: engine on LMDB plus its HTTP server, listening once `prepare` (seeding) is done. */
async function startDynamoDB(config: UpConfig, dataDir: string, log: Logger, prepare?: (engine: DynamoDBEngine) => Promise<void>): Promise<RunningDynamoDB> {
  const engine = await openEngine({
    dataDir,
    accountId: config.accountId,
    region: config.region,
    isolation: config.isolation,
    tableDelayMs: config.tableDelayMs,
    noSync: config.noSync,
  });
  try {
    await prepare?.(engine);
    const app = await createDynamoDBServer({ engine, logger: serverLogger(log, 'dynamodb') });
    const url = await listen(app, config.host, config.dynamodbPort);
    log.info({ component: 'dynamodb' }, `DynamoDB ready at ${url} (data in ${dataDir}${config.noSync ? '; --no-sync: NOT crash-safe' : ''})`);
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

const seedContext = (config: UpConfig, dynamodb: DynamoDBClient, kube: ResourceClient | undefined, log: Logger) => ({
  dynamodb,
  kube: kube as ResourceClient,
  target: { region: config.region, accountId: config.accountId },
  log: (msg: string) => log.info({ component: 'seed' }, msg),
});

/** Only the DynamoDB server (`ack-local dynamodb`): a drop-in for DynamoDB Local. */
export async function startDynamoDBOnly(config: UpConfig, log: Logger): Promise<RunningDynamoDB> {
  const dataDir = await prepareDataDir(config);
  const yaml = config.seed.find((f) => /\.ya?ml$/i.test(f));
  if (yaml) throw new Error(`--seed ${yaml}: Kubernetes manifests need \`ack-local up\``);
  const dynamodb = await startDynamoDB(config, dataDir, log, async (engine) => {
    for (const file of config.seed) await seed(file, seedContext(config, createInProcessDynamoDBClient(engine, { accessKeyId: LOCAL_ACCESS_KEY_ID }), undefined, log));
  });
  return {
    ...dynamodb,
    async close() {
      await dynamodb.close();
      if (config.inMemory) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startStack(config: UpConfig, log: Logger): Promise<Stack> {
  const started = performance.now();
  const dataDir = await prepareDataDir(config);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((e) => log.error({ err: e }, 'error while stopping'));
    if (config.inMemory) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const { engine, url: dynamodbUrl, close: closeDynamoDB } = await startDynamoDB(config, dataDir, log);
    closers.push(closeDynamoDB);

    const kube = await createKubeApiServer({
      dataDir: join(dataDir, 'kube'),
      version: kubeVersion(config.kubeVersion),
      crds: ackCustomResourceDefinitions(),
      namespaces: config.namespaces,
      logger: serverLogger(log, 'kube-apiserver'),
    });
    closers.push(() => kube.close());
    const kubeUrl = await listen(kube.app, config.host, config.kubePort);
    const advertised = config.kubeAdvertiseUrl ?? kubeUrl;
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    await writeKubeconfig(kubeconfigPath, advertised);
    if (config.kubeconfig) await writeKubeconfig(config.kubeconfig, advertised);
    log.info({ component: 'kube-apiserver' }, `kube-apiserver ready at ${kubeUrl} (kubeconfig ${config.kubeconfig ?? kubeconfigPath})`);

    const dynamodbClient = config.dynamodbEndpoint
      ? createHttpDynamoDBClient({ endpoint: config.dynamodbEndpoint })
      : createInProcessDynamoDBClient(engine, { accessKeyId: LOCAL_ACCESS_KEY_ID });
    const controller = await startController({
      kube: kube.client,
      dynamodb: dynamodbClient,
      region: config.region,
      accountId: config.accountId,
      deletionPolicy: config.deletionPolicy,
      timeScale: config.controllerTimeScale,
      logger: log.child({ component: 'controller' }),
    });
    closers.push(() => controller.stop());
    for (const file of config.seed) await seed(file, seedContext(config, dynamodbClient, kube.client, log));
    // The controller logs its own ready line (region, account, time scale).
    return { readyMs: performance.now() - started, dataDir, dynamodbUrl, kubeUrl, kubeconfigPath: config.kubeconfig ?? kubeconfigPath, engine, kube, close };
  } catch (e) {
    await close();
    throw e;
  }
}
