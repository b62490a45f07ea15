// Settings of `ack-local up`: every flag has an ACK_LOCAL_* environment variable, flags win.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';

import type { SyncMode } from '@ack-local/dynamodb';
import { ConfigError } from './errors.js';
import { checkFlags, flagsOf, withPrintEnvDefault, type Command } from './command-flags.js';
import { dynamodbLocalHelp } from './dynamodb-local-flags.js';

export { ConfigError };

export type LogFormat = 'pretty' | 'json';
export type Isolation = 'account-region' | 'access-key' | 'shared';

export interface UpConfig {
  dataDir: string;
  host: string;
  dynamodbPort: number;
  kubePort: number;
  kubeconfig?: string;
  kubeAdvertiseUrl?: string;
  accountId: string;
  region: string;
  isolation: Isolation;
  tableDelayMs: number;
  /** When answered writes reach the disk (packages/dynamodb README, "Durability"). */
  sync: SyncMode;
  /** After answering, the DynamoDB server polls for the next request this long before sleeping. */
  busyPollUs: number;
  inMemory: boolean;
  reset: boolean;
  seed: string[];
  logFormat: LogFormat;
  logLevel: string;
  kubeVersion: string;
  namespaces: string[];
  deletionPolicy: 'delete' | 'retain';
  /** Drive a remote DynamoDB-compatible endpoint instead of the embedded one. */
  dynamodbEndpoint?: string;
  controllerTimeScale: number;
  /** --auth: clients must authenticate (kube-apiserver: a bearer token, written into the kubeconfig). */
  auth: boolean;
  /** The kube-apiserver's bearer token under --auth (default: a random one per start). */
  kubeToken?: string;
  printEnv?: 'bash' | 'zsh' | 'fish';
  /** Origins browsers may call DynamoDB from (DynamoDB Local's -cors): '*', a list, or false for no CORS. */
  cors: '*' | string[] | false;
  help: boolean;
}

interface FlagSpec {
  env: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  help: string;
  default?: string;
}

export const FLAGS: Record<string, FlagSpec> = {
  'data-dir': {
    env: 'ACK_LOCAL_DATA_DIR',
    type: 'string',
    default: './.ack-local/data',
    help: 'where LMDB keeps tables and kube objects',
  },
  host: {
    env: 'ACK_LOCAL_HOST',
    type: 'string',
    default: '127.0.0.1',
    help: 'interface both servers listen on (0.0.0.0 in containers)',
  },
  'dynamodb-port': {
    env: 'ACK_LOCAL_DYNAMODB_PORT',
    type: 'string',
    default: '8000',
    help: 'DynamoDB port (8000, as DynamoDB Local); 0 = random',
  },
  'kube-port': {
    env: 'ACK_LOCAL_KUBE_PORT',
    type: 'string',
    default: '6443',
    help: 'kube-apiserver port (plain HTTP); 0 = random',
  },
  kubeconfig: {
    env: 'ACK_LOCAL_KUBECONFIG',
    type: 'string',
    help: 'also write a kubeconfig here (always written to <data-dir>/kubeconfig)',
  },
  'kube-advertise-url': {
    env: 'ACK_LOCAL_KUBE_ADVERTISE_URL',
    type: 'string',
    help: 'server URL written into kubeconfigs (default http://<host>:<kube-port>)',
  },
  'account-id': {
    env: 'ACK_LOCAL_ACCOUNT_ID',
    type: 'string',
    default: '000000000000',
    help: 'account used when the access key id is not 12 digits',
  },
  region: {
    env: 'ACK_LOCAL_REGION',
    type: 'string',
    default: 'us-west-2',
    help: 'default region (requests carry their own in the signature)',
  },
  isolation: {
    env: 'ACK_LOCAL_ISOLATION',
    type: 'string',
    default: 'account-region',
    help: 'table namespaces: account-region (AWS) | access-key (DynamoDB Local) | shared',
  },
  'table-delay-ms': {
    env: 'ACK_LOCAL_TABLE_DELAY_MS',
    type: 'string',
    default: '0',
    help: 'how long tables and indexes stay CREATING/UPDATING/DELETING',
  },
  sync: {
    env: 'ACK_LOCAL_SYNC',
    type: 'string',
    default: 'background',
    help: 'background: answer once committed, fsync within 100 ms | always: fsync before answering | never',
  },
  'no-sync': { env: 'ACK_LOCAL_NO_SYNC', type: 'boolean', help: 'same as --sync never' },
  'busy-poll-us': {
    env: 'ACK_LOCAL_BUSY_POLL_US',
    type: 'string',
    default: '300',
    help: 'after answering, poll for the next request this long before sleeping (faster sequential clients; 0 = off)',
  },
  'in-memory': {
    env: 'ACK_LOCAL_IN_MEMORY',
    type: 'boolean',
    help: 'throwaway data dir, removed at exit; no fsync (nothing outlives the process)',
  },
  reset: { env: 'ACK_LOCAL_RESET', type: 'boolean', help: 'wipe the data dir before starting' },
  seed: {
    env: 'ACK_LOCAL_SEED',
    type: 'string',
    multiple: true,
    help: 'load tables/items (DynamoDB JSON) or kube YAML manifests at start',
  },
  'log-format': { env: 'ACK_LOCAL_LOG_FORMAT', type: 'string', default: 'pretty', help: 'pretty | json' },
  'log-level': {
    env: 'ACK_LOCAL_LOG_LEVEL',
    type: 'string',
    default: 'info',
    help: 'trace | debug | info | warn | error',
  },
  namespace: {
    env: 'ACK_LOCAL_NAMESPACES',
    type: 'string',
    multiple: true,
    default: 'carts',
    help: "namespaces that exist at start (the workshop cluster's carts)",
  },
  'kube-version': {
    env: 'ACK_LOCAL_KUBE_VERSION',
    type: 'string',
    default: '1.32',
    help: 'version /version reports (kubectl dispatchers pick their binary by it)',
  },
  'deletion-policy': {
    env: 'ACK_LOCAL_DELETION_POLICY',
    type: 'string',
    default: 'delete',
    help: 'controller default deletion policy: delete | retain',
  },
  'dynamodb-endpoint': {
    env: 'ACK_LOCAL_DYNAMODB_ENDPOINT',
    type: 'string',
    help: 'controller drives this DynamoDB-compatible endpoint instead of the embedded one',
  },
  'controller-time-scale': {
    env: 'ACK_LOCAL_CONTROLLER_TIME_SCALE',
    type: 'string',
    default: '0.1',
    help: "multiplier of ACK's requeue delays (1 = real ACK timings)",
  },
  auth: {
    env: 'ACK_LOCAL_AUTH',
    type: 'boolean',
    help: 'require authentication (kube-apiserver: the bearer token in the kubeconfig written at start)',
  },
  'kube-token': {
    env: 'ACK_LOCAL_KUBE_TOKEN',
    type: 'string',
    help: 'bearer token the kube-apiserver requires with --auth (default: random at each start)',
  },
  'print-env': {
    env: 'ACK_LOCAL_PRINT_ENV',
    type: 'string',
    help: 'print the export lines for bash | zsh | fish (default: your $SHELL) and exit',
  },
  cors: {
    env: 'ACK_LOCAL_CORS',
    type: 'string',
    default: '*',
    help: 'origins browsers may call DynamoDB from: * | comma-separated origins | off (as DynamoDB Local -cors)',
  },
  help: { env: '', type: 'boolean', help: 'show this help' },
};

function fromEnv(spec: FlagSpec, env: NodeJS.ProcessEnv): string | boolean | string[] | undefined {
  const raw = spec.env ? env[spec.env] : undefined;
  if (raw === undefined || raw === '') return undefined;
  if (spec.type === 'boolean') return !/^(0|false|no)$/i.test(raw);
  return spec.multiple ? raw.split(',') : raw;
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`--${name}: not a port: ${value}`);
  return n;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new ConfigError(`--${name}: expected one of ${allowed.join(', ')}, got ${value}`);
  return value as T;
}

function corsOrigins(value: string): UpConfig['cors'] {
  if (/^(off|none|false)$/i.test(value)) return false;
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return origins.length === 0 || origins.includes('*') ? '*' : origins;
}

export function parseUpConfig(
  givenArgv: string[],
  env: NodeJS.ProcessEnv = process.env,
  command: Command = 'up',
): UpConfig {
  const argv = withPrintEnvDefault(givenArgv, env);
  checkFlags(argv, command);
  const options: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
    flagsOf(command).map((name) => [
      name,
      { type: FLAGS[name]!.type, ...(FLAGS[name]!.multiple ? { multiple: true } : {}) },
    ]),
  );
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const get = (name: string): any => values[name] ?? fromEnv(FLAGS[name]!, env) ?? FLAGS[name]!.default;
  const str = (name: string): string => String(get(name));
  const num = (name: string): number => {
    const n = Number(str(name));
    if (!Number.isFinite(n) || n < 0) throw new ConfigError(`--${name}: not a non-negative number: ${str(name)}`);
    return n;
  };
  const printEnv = get('print-env');
  return {
    dataDir: resolve(str('data-dir')),
    host: str('host'),
    dynamodbPort: port('dynamodb-port', str('dynamodb-port')),
    kubePort: port('kube-port', str('kube-port')),
    kubeconfig: get('kubeconfig') ? resolve(str('kubeconfig')) : undefined,
    kubeAdvertiseUrl: get('kube-advertise-url'),
    accountId: str('account-id'),
    region: str('region'),
    isolation: oneOf('isolation', str('isolation'), ['account-region', 'access-key', 'shared'] as const),
    tableDelayMs: num('table-delay-ms'),
    sync: get('no-sync') ? 'never' : oneOf('sync', str('sync'), ['always', 'background', 'never'] as const),
    busyPollUs: num('busy-poll-us'),
    inMemory: Boolean(get('in-memory')),
    reset: Boolean(get('reset')),
    seed: ([] as string[]).concat(get('seed') ?? []),
    logFormat: oneOf('log-format', str('log-format'), ['pretty', 'json'] as const),
    logLevel: str('log-level'),
    kubeVersion: str('kube-version'),
    namespaces: ([] as string[])
      .concat(get('namespace') ?? [])
      .flatMap((n) => n.split(','))
      .filter(Boolean),
    deletionPolicy: oneOf('deletion-policy', str('deletion-policy'), ['delete', 'retain'] as const),
    dynamodbEndpoint: get('dynamodb-endpoint'),
    controllerTimeScale: num('controller-time-scale'),
    auth: Boolean(get('auth')),
    kubeToken: get('kube-token'),
    printEnv:
      printEnv === undefined
        ? undefined
        : oneOf('print-env', String(printEnv === true ? 'bash' : printEnv), ['bash', 'zsh', 'fish'] as const),
    cors: corsOrigins(str('cors')),
    help: Boolean(values.help),
  };
}

export function helpText(command: Command = 'up'): string {
  const rows = flagsOf(command).map((name) => {
    const spec = FLAGS[name]!;
    const flag = `--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    const dflt = spec.default !== undefined ? ` (default ${spec.default})` : '';
    const env = spec.env ? `  [${spec.env}]` : '';
    return `  ${flag.padEnd(34)} ${spec.help}${dflt}${env}`;
  });
  if (command === 'dynamodb')
    return [
      'Usage: ack-local dynamodb [flags]',
      '',
      'Starts only the DynamoDB server: a stand-in for DynamoDB Local.',
      '',
      ...rows,
      '',
      "DynamoDB Local's options, accepted as they are:",
      ...dynamodbLocalHelp(),
    ].join('\n');
  return [
    'Usage: ack-local up [flags]',
    '',
    'Starts DynamoDB, a kube-apiserver with the ACK DynamoDB CRDs, and the ACK controller in one process.',
    '',
    ...rows,
    '',
    'Other commands:',
    '  ack-local dynamodb [flags]                         only the DynamoDB server (a DynamoDB Local stand-in)',
    '  ack-local export --table NAME [--out FILE]         dump a table as DynamoDB JSON lines (--endpoint, --region)',
    '  ack-local import FILE [--table NAME]               restore a dump (creates the table if missing)',
    "  ack-local kubeconfig --remove [--kubeconfig PATH]  take ack-local's context out of a kubeconfig it merged into",
    '  ack-local version',
  ].join('\n');
}
