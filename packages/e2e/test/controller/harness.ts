// Shared setup for controller integration tests: the real kube-apiserver (with our CRDs) and the real DynamoDB
// engine, the controller between them, plus helpers to poll for a condition.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine, type DynamoDBEngine } from '@ack-local/dynamodb';
import {
  createKubeApiServer,
  type KubeApiServer,
  type KubeObject,
  type ResourceClient,
} from '@ack-local/kube-apiserver';
import { startKube, type KubeHarness } from '@ack-local/e2e';
import {
  ackCustomResourceDefinitions,
  createInProcessDynamoDBClient,
  startController,
  type Controller,
  type ControllerOptions,
  type DynamoDBClient,
} from '@ack-local/controller';

export const ACCOUNT = '000000000000';
export const REGION = 'us-west-2';
export const TABLES = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'tables' };
export const BACKUPS = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'backups' };
export const GLOBAL_TABLES = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'globaltables' };
export const FIELD_EXPORTS = { group: 'services.k8s.aws', version: 'v1alpha1', resource: 'fieldexports' };
export const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
export const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
export const EVENTS = { group: '', version: 'v1', resource: 'events' };

export interface Env {
  kube: ResourceClient;
  kubeServer: KubeApiServer;
  engine: DynamoDBEngine;
  dynamodb: DynamoDBClient;
  controller: Controller;
  logs: string[];
  dirs: { kube: string; ddb: string };
  restartController(overrides?: Partial<ControllerOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startEnv(
  options: { tableDelayMs?: number; controller?: Partial<ControllerOptions>; dynamodb?: DynamoDBClient } = {},
): Promise<Env> {
  const kubeDir = await mkdtemp(join(tmpdir(), 'ack-ctrl-kube-'));
  const ddbDir = await mkdtemp(join(tmpdir(), 'ack-ctrl-ddb-'));
  const kubeServer = await createKubeApiServer({
    dataDir: kubeDir,
    crds: ackCustomResourceDefinitions(),
    namespaces: ['carts'],
  });
  const engine = await openEngine({
    dataDir: ddbDir,
    sync: 'never',
    tableDelayMs: options.tableDelayMs ?? 30,
    ttlSweepIntervalMs: 0,
  });
  const dynamodb = options.dynamodb ?? createInProcessDynamoDBClient(engine);
  const logs: string[] = [];
  const logger = {
    info: (...a: unknown[]) => logs.push(`INFO ${a.join(' ')}`),
    warn: (...a: unknown[]) => logs.push(`WARN ${a.join(' ')}`),
    error: (...a: unknown[]) => logs.push(`ERROR ${a.join(' ')}`),
  };
  const controllerOptions = (overrides: Partial<ControllerOptions> = {}): ControllerOptions => ({
    kube: kubeServer.client,
    dynamodb,
    region: REGION,
    accountId: ACCOUNT,
    timeScale: 0.01,
    logger,
    ...options.controller,
    ...overrides,
  });
  const env: Env = {
    kube: kubeServer.client,
    kubeServer,
    engine,
    dynamodb,
    controller: await startController(controllerOptions()),
    logs,
    dirs: { kube: kubeDir, ddb: ddbDir },
    async restartController(overrides) {
      await env.controller.stop();
      env.controller = await startController(controllerOptions(overrides));
    },
    async close() {
      await env.controller.stop();
      await kubeServer.close();
      await engine.close();
      await rm(kubeDir, { recursive: true, force: true });
      await rm(ddbDir, { recursive: true, force: true });
      if (process.env.ACK_LOCAL_TEST_LOGS) console.log(logs.join('\n'));
    },
  };
  return env;
}

/** The stack the real-kubectl tests drive: the kube-apiserver harness (kubeconfig, a HOME for kubectl) with the ACK
 *  CRDs and namespace `carts`, a DynamoDB engine, and the controller between them. */
export interface KubectlStack {
  kube: KubeHarness;
  engine: DynamoDBEngine;
  controller: Controller;
  close(): Promise<void>;
}

export async function startKubectlStack(options: { tableDelayMs: number; timeScale: number }): Promise<KubectlStack> {
  const kube = await startKube({ crds: ackCustomResourceDefinitions(), namespaces: ['carts'] });
  const ddbDir = await mkdtemp(join(tmpdir(), 'ack-ctrl-kubectl-'));
  const engine = await openEngine({
    dataDir: ddbDir,
    sync: 'never',
    tableDelayMs: options.tableDelayMs,
    ttlSweepIntervalMs: 0,
  });
  const controller = await startController({
    kube: kube.server.client,
    dynamodb: createInProcessDynamoDBClient(engine),
    region: REGION,
    accountId: ACCOUNT,
    timeScale: options.timeScale,
  });
  return {
    kube,
    engine,
    controller,
    async close() {
      await controller.stop();
      await kube.close();
      await engine.close();
      await rm(ddbDir, { recursive: true, force: true });
    },
  };
}

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const condition = (object: KubeObject, type: string) =>
  (
    (object.status as any)?.conditions as
      { type: string; status: string; message?: string; reason?: string }[] | undefined
  )?.find((c) => c.type === type);

/** What `kubectl wait --for=condition=X` accepts: status True and no observedGeneration lagging behind. */
export function conditionMet(object: KubeObject, type: string): boolean {
  const c = condition(object, type) as { status: string; observedGeneration?: number } | undefined;
  if (!c || c.status !== 'True') return false;
  if (c.observedGeneration !== undefined && c.observedGeneration < (object.metadata.generation ?? 0)) return false;
  const og = (object.status as any)?.observedGeneration;
  return !(og !== undefined && og < (object.metadata.generation ?? 0));
}

export async function waitForCondition(
  kube: ResourceClient,
  gvr: typeof TABLES,
  ns: string,
  name: string,
  type: string,
  status = 'True',
  timeoutMs?: number,
) {
  return eventually(
    `${name} ${type}=${status}`,
    async () => {
      const obj = await kube.get(gvr, ns, name);
      return condition(obj, type)?.status === status ? obj : undefined;
    },
    timeoutMs,
  );
}

export function cartsTable(name: string, tableName: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
    kind: 'Table',
    metadata: { name, namespace: 'carts' },
    spec: {
      tableName,
      billingMode: 'PAY_PER_REQUEST',
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [
        { attributeName: 'id', attributeType: 'S' },
        { attributeName: 'customerId', attributeType: 'S' },
      ],
      globalSecondaryIndexes: [
        {
          indexName: 'idx_global_customerId',
          keySchema: [
            { attributeName: 'customerId', keyType: 'HASH' },
            { attributeName: 'id', keyType: 'RANGE' },
          ],
          projection: { projectionType: 'ALL' },
        },
      ],
      ...extra,
    },
  };
}

/**
 * After a spec change: waits until the controller has picked up the new generation (Synced leaves True, which every
 * update reconcile does because ACK requeues after updating) and then until Synced is True again.
 */
export async function waitForResync(
  kube: ResourceClient,
  gvr: typeof TABLES,
  ns: string,
  name: string,
  timeoutMs?: number,
): Promise<KubeObject> {
  await eventually(
    `${name} picks up the change`,
    async () => condition(await kube.get(gvr, ns, name), 'ACK.ResourceSynced')?.status !== 'True',
    timeoutMs,
  );
  return waitForCondition(kube, gvr, ns, name, 'ACK.ResourceSynced', 'True', timeoutMs);
}
