// startController: informers for the four reconciled kinds feeding one work queue (keys `Kind|ns/name`, processed
// one at a time per object), the ACK reconcile loop per kind, FieldExports re-run after their source reconciles.
import type { KubeObject, ResourceClient } from '@ack-local/kube-apiserver';
import { FIELD_EXPORT, gvrOf } from './api/resources.js';
import type { DynamoDBClient } from './aws/client.js';
import { backupManager } from './resources/backup/manager.js';
import { FieldExportReconciler } from './resources/field-export/reconciler.js';
import { globalTableManager } from './resources/global-table/manager.js';
import { tableManager } from './resources/table/manager.js';
import { describeError } from './runtime/errors.js';
import { EventRecorder } from './runtime/events.js';
import { withFieldManager } from './runtime/field-manager.js';
import { Informer, keyOf } from './runtime/informer.js';
import { AckReconciler, ReportedError, type DeletionPolicy, type Logger } from './runtime/reconciler.js';
import type { ResourceManager } from './runtime/resource-manager.js';
import { WorkQueue, type ProcessResult } from './runtime/work-queue.js';

export interface ControllerOptions {
  kube: ResourceClient;
  dynamodb: DynamoDBClient;
  /** The controller's region (`--aws-region`). */
  region: string;
  /** The controller's account (the identity ACK would run as). */
  accountId: string;
  /** `--deletion-policy`; default 'delete' (the helm chart's default). */
  deletionPolicy?: DeletionPolicy;
  /** Resync period for synced resources; default 36000 (ACK's helm default, 10h). */
  resyncSeconds?: number;
  /** Multiplies ACK's requeue delays (5s/10s/30s). Default 1 (ACK's timing); ack-local's CLI passes 0.1. */
  timeScale?: number;
  logger?: Logger;
  /** Parallel reconciles across objects (never two for the same object). Default 4. */
  workers?: number;
}

export interface Controller {
  stop(): Promise<void>;
}

const silent: Logger = { info() {}, warn() {}, error() {} };

export async function startController(given: ControllerOptions): Promise<Controller> {
  const options = { ...given, kube: withFieldManager(given.kube) };
  const logger = options.logger ?? silent;
  const timeScale = options.timeScale ?? 1;
  const resyncMs = (options.resyncSeconds ?? 36_000) * 1000;
  const events = new EventRecorder(options.kube, logger);
  const informers: Informer[] = [];

  const fieldExports = new FieldExportReconciler({
    kube: options.kube,
    logger,
    events,
    resyncMs,
    retryMs: Math.max(1, Math.round(30_000 * timeScale)),
  });
  let fieldExportInformer: Informer | undefined;
  const queue: WorkQueue = new WorkQueue((key) => process(key), {
    workers: options.workers ?? 4,
    onError: (key, error) => {
      if (!(error instanceof ReportedError)) logger.error(`reconcile ${key} failed: ${describeError(error)}`);
    },
  });

  const onReconciled = (source: KubeObject) => {
    for (const fe of fieldExportInformer?.cache.values() ?? []) {
      if (FieldExportReconciler.exportsFrom(fe, source)) queue.add(`FieldExport|${keyOf(fe)}`);
    }
  };
  const reconcilers = new Map<string, AckReconciler>();
  const managers: ResourceManager<any, any>[] = [tableManager, globalTableManager, backupManager];
  for (const manager of managers) {
    reconcilers.set(
      manager.kind,
      new AckReconciler(manager, {
        kube: options.kube,
        dynamodb: options.dynamodb,
        region: options.region,
        accountId: options.accountId,
        deletionPolicy: options.deletionPolicy ?? 'delete',
        resyncMs,
        timeScale,
        logger,
        events,
        onReconciled,
      }),
    );
  }

  async function process(queueKey: string): Promise<ProcessResult> {
    const [kind, objectKey] = queueKey.split('|') as [string, string];
    const slash = objectKey.indexOf('/');
    const namespace = slash >= 0 ? objectKey.slice(0, slash) : undefined;
    const name = slash >= 0 ? objectKey.slice(slash + 1) : objectKey;
    if (kind === 'FieldExport') return fieldExports.reconcile(namespace, name);
    return reconcilers.get(kind)!.reconcile(namespace, name);
  }

  const watch = (kind: string, gvr: ResourceManager['gvr']) => {
    const informer = new Informer({
      kube: options.kube,
      gvr,
      logger,
      onChange: (object) => queue.add(`${kind}|${keyOf(object)}`),
    });
    informers.push(informer);
    return informer;
  };
  for (const manager of managers) watch(manager.kind, manager.gvr);
  fieldExportInformer = watch('FieldExport', gvrOf(FIELD_EXPORT));

  try {
    await Promise.all(informers.map((i) => i.start()));
  } catch (error) {
    informers.forEach((i) => i.stop());
    await queue.stop();
    throw error;
  }
  logger.info(
    `ack-dynamodb-controller started (region ${options.region}, account ${options.accountId}, timeScale ${timeScale})`,
  );

  return {
    async stop() {
      informers.forEach((i) => i.stop());
      await queue.stop();
    },
  };
}
