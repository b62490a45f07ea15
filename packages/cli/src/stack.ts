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
import { listen, prepareDataDir, seedContext, serverLogger, startDynamoDB } from './dynamodb-server.js';

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
  const dataDir = await prepareDataDir(config);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((e) => log.error({ err: e }, 'error while stopping'));
    if (config.inMemory) await rm(dataDir, { recursive: true, force: true });
  };
  try {
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
    });
    closers.push(() => kube.close());
    const listening = await listen(kube.app, config.host, config.kubePort);
    const kubeUrl = tls ? listening.replace(/^http:/, 'https:') : listening;
    const advertised = config.kubeAdvertiseUrl ?? kubeUrl;
    const kubeconfigPath = join(dataDir, 'kubeconfig');
    const kubeconfigOptions = kubeToken !== undefined ? { token: kubeToken } : {};
    writeKubeconfig(kubeconfigPath, advertised, kubeconfigOptions);
    if (config.kubeconfig) writeKubeconfig(config.kubeconfig, advertised, kubeconfigOptions);
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
