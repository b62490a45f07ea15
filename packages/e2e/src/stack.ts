// The whole system (DynamoDB + kube-apiserver + controller) for end-to-end tests: random ports, a fresh data
// dir, quiet logs (ACK_LOCAL_TEST_LOGS=1 to see them), started through the same code path as `ack-local up`.
import { removeScratch, scratchDir } from './scratch.js';
import { startStack, parseUpConfig, createLogger, type Stack, type UpConfig } from '@ack-local/cli';

export interface TestStack extends Stack {
  /** Environment for real clients: only what the workshop sets (KUBECONFIG, AWS_*), plus PATH and a fresh HOME. */
  readonly env: Record<string, string>;
}

export async function startTestStack(
  overrides: Partial<UpConfig> = {},
  options: { keepDataDir?: boolean } = {},
): Promise<TestStack> {
  const dataDir = overrides.dataDir ?? scratchDir('ack-local-e2e-');
  const home = scratchDir('ack-local-home-');
  const config: UpConfig = {
    ...parseUpConfig([], {}),
    dataDir,
    dynamodbPort: 0,
    kubePort: 0,
    controllerTimeScale: 0.02,
    logLevel: process.env.ACK_LOCAL_TEST_LOGS ? 'debug' : 'silent',
    ...overrides,
  };
  const stack = await startStack(config, createLogger('json', config.logLevel));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    KUBECONFIG: stack.kubeconfigPath,
    AWS_ENDPOINT_URL: stack.dynamodbUrl,
    AWS_REGION: config.region,
    AWS_DEFAULT_REGION: config.region,
    AWS_ACCESS_KEY_ID: 'dummy',
    AWS_SECRET_ACCESS_KEY: 'dummy',
  };
  return {
    ...stack,
    env,
    async close() {
      try {
        await stack.close();
      } finally {
        removeScratch(home);
        if (!options.keepDataDir && !overrides.dataDir) removeScratch(dataDir);
      }
    },
  };
}
