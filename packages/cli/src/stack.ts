// Starts the three components in one process, wired the one way the architecture allows:
// controller → {kube-apiserver, dynamodb}. The CLI and the end-to-end tests both start the system through here.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DynamoDBEngine } from '@ack-local/dynamodb';
import {
  createKubeApiServer,
  generateServingCertificate,
  writeKubeconfig,
  type KubeApiServer,
} from '@ack-local/kube-apiserver';
import {
  ackCustomResourceDefinitions,
  startController,
  createInProcessDynamoDBClient,
  createHttpDynamoDBClient,
} from '@ack-local/controller';
import type { UpConfig } from './config.js';
import { seed } from './data/seed.js';
import { LOCAL_ACCESS_KEY_ID } from './environment.js';
import type { Logger } from './logger.js';
import { DYNAMODB_PORT, listen, prepareDataDir, seedContext, serverLogger, startDynamoDB } from './dynamodb-server.js';
import { mergeKubeconfig } from './kubeconfig-merge.js';
import { ensurePortsFree, type WantedPort } from './ports.js';

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

function kubeVersion(v: string) {
  const [major = '1', minor = '32'] = v.replace(/^v/, '').split('.');
  return { major, minor, gitVersion: `v${major}.${minor}.9-ack-local` };
}

const KUBE_PORT = (config: UpConfig): WantedPort => ({
  port: config.kubePort,
  flag: '--kube-port',
  what: 'kube-apiserver',
});

/** The host name of --kube-advertise-url, which the serving certificate must name too. */
function advertisedHost(config: UpConfig): string {
  try {
    return config.kubeAdvertiseUrl ? new URL(config.kubeAdvertiseUrl).hostname.replace(/^\[|\]$/g, '') : '';
  } catch {
    return '';
  }
}

export async function startStack(config: UpConfig, log: Logger): Promise<Stack> {
  const started = performance.now();
  const { dataDir, lock } = await prepareDataDir(config);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((e) => log.error({ err: e }, 'error while stopping'));
    await lock.release();
    if (config.inMemory) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await ensurePortsFree(config.host, [DYNAMODB_PORT(config), KUBE_PORT(config)]);
    const { engine, url: dynamodbUrl, close: closeDynamoDB } = await startDynamoDB(config, dataDir, log);
    closers.push(closeDynamoDB);

    // --auth: a fresh token each start unless one is given, carried by the kubeconfigs written below, over
    // HTTPS (kubectl sends tokens over TLS only) with a certificate made at start
    const kubeToken = config.auth ? (config.kubeToken ?? randomBytes(24).toString('base64url')) : undefined;
    const tls = config.auth ? await generateServingCertificate([config.host, advertisedHost(config)]) : undefined;
    const kube = await createKubeApiServer({
      dataDir: join(dataDir, 'kube'),
      ...(kubeToken !== undefined ? { bearerToken: kubeToken } : {}),
      ...(tls ? { tls } : {}),
      version: kubeVersion(config.kubeVersion),
      crds: ackCustomResourceDefinitions(),
      namespaces: config.namespaces,
      logger: serverLogger(log, 'kube-apiserver'),
      noWorkloadsMessage: noWorkloadsMessage(dynamodbUrl, config.region),
    });
    closers.push(() => kube.close());
    const listening = await listen(kube.app, config.host, KUBE_PORT(config));
    const kubeUrl = tls ? listening.replace(/^http:/, 'https:') : listening;
    await lock.update({ dynamodbUrl, kubeUrl });
    const advertised = config.kubeAdvertiseUrl ?? kubeUrl;
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    const kubeconfigOptions = kubeToken !== undefined ? { token: kubeToken } : {};
    writeKubeconfig(kubeconfigPath, advertised, kubeconfigOptions);
    if (config.kubeconfig) mergeKubeconfig(config.kubeconfig, advertised, kubeconfigOptions);
    log.info(
      { component: 'kube-apiserver' },
      `kube-apiserver ready at ${kubeUrl} (kubeconfig ${config.kubeconfig ?? kubeconfigPath}${kubeToken !== undefined ? '; bearer token required, in the kubeconfig' : ''})`,
    );

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
    return {
      readyMs: performance.now() - started,
      dataDir,
      dynamodbUrl,
      kubeUrl,
      kubeconfigPath: config.kubeconfig ?? kubeconfigPath,
      engine,
      kube,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** What a refused `kubectl create deployment|run|apply` of a workload tells the user to do instead. */
function noWorkloadsMessage(dynamodbUrl: string, region: string): string {
  return (
    'ack-local runs no workloads: it serves the Kubernetes API for ACK resources (Tables, GlobalTables, Backups, ' +
    `FieldExports) and DynamoDB at ${dynamodbUrl}. Run the application on your machine instead, with ` +
    `AWS_ENDPOINT_URL_DYNAMODB=${dynamodbUrl} and AWS_REGION=${region}`
  );
}
