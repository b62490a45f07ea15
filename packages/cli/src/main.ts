#!/usr/bin/env node
// ack-local: DynamoDB + kube-apiserver + ACK DynamoDB controller, offline, in one process.
import { parseUpConfig, helpText, type UpConfig } from './config.js';
import { ConfigError, StartupError } from './errors.js';
import { createLogger } from './logger.js';
import { exportLines } from './environment.js';
import { translateDynamoDBLocalFlags } from './dynamodb-local-flags.js';

/** What the servers will be reachable at with these settings, without starting anything. */
function printEnvironment(config: UpConfig, shell: 'bash' | 'zsh' | 'fish', withKube: boolean): void {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const endpoints = {
    ...(withKube ? { kubeconfig: config.kubeconfig ?? `${config.dataDir}/kubeconfig` } : {}),
    dynamodbUrl: `http://${host}:${config.dynamodbPort}`,
    region: config.region,
  };
  console.log(exportLines(endpoints, shell));
}

async function up(argv: string[]): Promise<void> {
  const config = parseUpConfig(argv);
  if (config.help) {
    console.log(helpText());
    return;
  }
  if (config.printEnv) return printEnvironment(config, config.printEnv, true);
  const log = createLogger(config.logFormat, config.logLevel);
  // Each command loads only what it runs (start-up time is a feature).
  const { startStack } = await import('./stack.js');
  const stack = await startStack(config, log);
  const shell = /fish$/.test(process.env.SHELL ?? '') ? 'fish' : 'bash';
  process.stdout.write(
    `\nack-local is up (ready in ${Math.round(stack.readyMs)} ms). In another terminal:\n\n${exportLines({ kubeconfig: stack.kubeconfigPath, dynamodbUrl: stack.dynamodbUrl, region: config.region }, shell)}\n\n`,
  );
  onSignals(log, () => stack.close());
}

/** `ack-local dynamodb`: only the DynamoDB server; `up`'s flags but the kube/controller ones, plus DynamoDB
 *  Local's own (`-port`, `-sharedDb`, ...). */
async function dynamodbOnly(argv: string[]): Promise<void> {
  const translated = translateDynamoDBLocalFlags(argv);
  const config = parseUpConfig(translated.argv, process.env, 'dynamodb');
  if (config.help) {
    console.log(helpText('dynamodb'));
    return;
  }
  if (config.printEnv) return printEnvironment(config, config.printEnv, false);
  const log = createLogger(config.logFormat, config.logLevel);
  for (const note of translated.notes) log.info(note);
  const { startDynamoDBOnly } = await import('./dynamodb-server.js');
  const server = await startDynamoDBOnly(config, log);
  onSignals(log, () => server.close());
}

function onSignals(log: { info(msg: string): void }, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    await close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function main(): Promise<void> {
  const [command = 'up', ...rest] = process.argv.slice(2);
  switch (command) {
    case 'up':
      return up(rest);
    case 'dynamodb':
      return dynamodbOnly(rest);
    case 'export':
      return (await import('./data/transfer.js')).exportTable(rest);
    case 'import':
      return (await import('./data/transfer.js')).importTable(rest);
    case 'kubeconfig':
      return (await import('./kubeconfig-command.js')).kubeconfigCommand(rest);
    case '--help':
    case '-h':
    case 'help':
      console.log(helpText());
      return;
    case 'version':
    case '--version':
      console.log('ack-local 0.1.0');
      return;
    default:
      if (command.startsWith('--')) return up([command, ...rest]);
      throw new ConfigError(`unknown command: ${command} (try --help)`);
  }
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof StartupError) {
    console.error(`ack-local: ${e.message}`);
    process.exit(e instanceof ConfigError ? 2 : 1);
  }
  console.error(e);
  process.exit(1);
});
