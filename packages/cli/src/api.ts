// The Node API of the `ack-local` npm package, for test setup (what dynalite users expect):
//
//   const ddb = await startDynamoDB();                 // in memory, a free port, silent
//   new DynamoDBClient({ endpoint: ddb.endpoint, region: ddb.region, credentials: ddb.credentials });
//   await ddb.stop();
//
//   const ack = await startAckLocal();                 // DynamoDB + kube-apiserver + ACK controller
//   process.env.KUBECONFIG = ack.kubeconfigPath;
//
// No logger or config object needed: every option has a default suited to tests (port 0 = a free port, in memory
// unless a dataDir is given, no logs). The types here are self-contained: they are the package's index.d.ts.
import { parseUpConfig, type UpConfig } from './config.js';
import { createLogger } from './logger.js';
import { environmentVariables, LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY } from './environment.js';

export type Isolation = 'account-region' | 'access-key' | 'shared';
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface CommonOptions {
  /** Keep data in a throwaway folder removed by stop(), without fsync. Default: true unless `dataDir` is given. */
  inMemory?: boolean;
  /** Keep data here across runs (LMDB files). One running instance per folder. */
  dataDir?: string;
  /** Wipe `dataDir` first. */
  reset?: boolean;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Default region (requests carry their own in their signature). Default us-west-2. */
  region?: string;
  /** Account of access keys that are not 12 digits. Default 000000000000. */
  accountId?: string;
  /** Table namespaces: per account and region (AWS, default), per access key (DynamoDB Local), or one shared. */
  isolation?: Isolation;
  /** How long tables and indexes stay CREATING/UPDATING/DELETING. Default 0. */
  tableDelayMs?: number;
  /** Origins browsers may call DynamoDB from. Default '*'; false = no CORS headers. */
  cors?: '*' | string[] | false;
  /** Files loaded at start: DynamoDB JSON dumps / table lists (and, for startAckLocal, Kubernetes YAML). */
  seed?: string[];
  /** Log lines to stdout at this level and above. Default 'silent'. */
  logLevel?: LogLevel;
}

export interface StartDynamoDBOptions extends CommonOptions {
  /** DynamoDB port. Default 0: a free port (read `endpoint`). */
  port?: number;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface RunningDynamoDB {
  /** http://127.0.0.1:<port>: the `endpoint` of an AWS SDK client. */
  endpoint: string;
  port: number;
  region: string;
  /** Dummy credentials (signatures are not verified); any others work as well. */
  credentials: Credentials;
  /** The variables a child process (AWS CLI, boto3) needs: AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION, ... */
  env: Record<string, string>;
  /** Stops the server; an in-memory instance's data is gone. */
  stop(): Promise<void>;
}

export interface StartAckLocalOptions extends CommonOptions {
  /** Default 0: a free port. */
  dynamodbPort?: number;
  /** Default 0: a free port. */
  kubePort?: number;
  /** Also merge the ack-local context into this kubeconfig (e.g. ~/.kube/config). */
  kubeconfig?: string;
  /** Namespaces that exist at start. Default ['carts']. */
  namespaces?: string[];
  /** Multiplier of ACK's requeue delays. Default 0.1. */
  controllerTimeScale?: number;
}

export interface RunningAckLocal {
  dynamodbEndpoint: string;
  kubeUrl: string;
  /** A kubeconfig for kubectl and client libraries (set KUBECONFIG to it). */
  kubeconfigPath: string;
  region: string;
  credentials: Credentials;
  /** KUBECONFIG and the AWS variables for child processes. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const credentials = (): Credentials => ({ accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY });

/** The CLI's configuration with test defaults; ACK_LOCAL_* variables of the calling process are not read. */
function configFrom(options: CommonOptions, ports: Pick<UpConfig, 'dynamodbPort' | 'kubePort'>): UpConfig {
  const defaults = parseUpConfig([], {});
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...defaults,
    logLevel: 'silent',
    ...defined({
      dataDir: options.dataDir,
      reset: options.reset,
      host: options.host,
      region: options.region,
      accountId: options.accountId,
      isolation: options.isolation,
      tableDelayMs: options.tableDelayMs,
      cors: options.cors,
      seed: options.seed,
      logLevel: options.logLevel,
    }),
    inMemory: options.inMemory ?? options.dataDir === undefined,
    ...ports,
  };
}

const portOf = (url: string) => Number(new URL(url).port);

/** Starts only the DynamoDB server (the `ack-local dynamodb` command). */
export async function startDynamoDB(options: StartDynamoDBOptions = {}): Promise<RunningDynamoDB> {
  const config = configFrom(options, { dynamodbPort: options.port ?? 0, kubePort: 0 });
  const { startDynamoDBOnly } = await import('./dynamodb-server.js');
  const server = await startDynamoDBOnly(config, createLogger('json', config.logLevel));
  return {
    endpoint: server.url,
    port: portOf(server.url),
    region: config.region,
    credentials: credentials(),
    env: Object.fromEntries(environmentVariables({ dynamodbUrl: server.url, region: config.region })),
    stop: () => server.close(),
  };
}

/** Starts DynamoDB, the kube-apiserver with the ACK CRDs and the ACK controller (the `ack-local up` command). */
export async function startAckLocal(options: StartAckLocalOptions = {}): Promise<RunningAckLocal> {
  const config = configFrom(options, { dynamodbPort: options.dynamodbPort ?? 0, kubePort: options.kubePort ?? 0 });
  if (options.kubeconfig !== undefined) config.kubeconfig = options.kubeconfig;
  if (options.namespaces !== undefined) config.namespaces = options.namespaces;
  if (options.controllerTimeScale !== undefined) config.controllerTimeScale = options.controllerTimeScale;
  const { startStack } = await import('./stack.js');
  const stack = await startStack(config, createLogger('json', config.logLevel));
  const endpoints = { kubeconfig: stack.kubeconfigPath, dynamodbUrl: stack.dynamodbUrl, region: config.region };
  return {
    dynamodbEndpoint: stack.dynamodbUrl,
    kubeUrl: stack.kubeUrl,
    kubeconfigPath: stack.kubeconfigPath,
    region: config.region,
    credentials: credentials(),
    env: Object.fromEntries(environmentVariables(endpoints)),
    stop: () => stack.close(),
  };
}
