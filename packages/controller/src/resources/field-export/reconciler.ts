// FieldExport (ACK runtime field_export_reconciler): copies one field of an ACK resource in the same namespace into a
// ConfigMap or Secret key (default `<namespace>.<fieldexport-name>`), e.g. a Table's `.spec.tableName` for an app's
// environment. Re-runs whenever the source resource is reconciled, so the exported value follows the resource.
import type { KubeObject, ResourceClient } from '@ack-local/kube-apiserver';
import type { FieldExportSpec } from '../../api/field-export.js';
import { ALL_RESOURCES, FIELD_EXPORT, gvrOf } from '../../api/resources.js';
import { renderConditions, type ReconcileOutcome } from '../../runtime/conditions.js';
import type { EventRecorder } from '../../runtime/events.js';
import { editFinalizers, isNotFound, retryOnConflict } from '../../runtime/kube-helpers.js';
import { createMergePatch, pruneUndefined } from '../../runtime/merge-patch.js';
import type { Logger } from '../../runtime/reconciler.js';
import type { ProcessResult } from '../../runtime/work-queue.js';
import { readFieldPath, stringifyFieldValue } from './field-path.js';

export const FIELD_EXPORT_FINALIZER = 'finalizers.services.k8s.aws/FieldExport';
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

export interface FieldExportReconcilerOptions {
  kube: ResourceClient;
  logger: Logger;
  events: EventRecorder;
  resyncMs: number;
  retryMs: number;
}

class ExportProblem extends Error {
  constructor(
    message: string,
    readonly terminal: boolean,
  ) {
    super(message);
  }
}

export class FieldExportReconciler {
  private readonly gvr = gvrOf(FIELD_EXPORT);
  constructor(private readonly options: FieldExportReconcilerOptions) {}

  /** Whether `fieldExport` reads from the given ACK resource. */
  static exportsFrom(fieldExport: KubeObject, source: KubeObject): boolean {
    const from = (fieldExport.spec as FieldExportSpec | undefined)?.from?.resource;
    return (
      !!from &&
      fieldExport.metadata.namespace === source.metadata.namespace &&
      from.name === source.metadata.name &&
      from.kind === source.kind &&
      source.apiVersion.startsWith(`${from.group}/`)
    );
  }

  async reconcile(namespace: string | undefined, name: string): Promise<ProcessResult> {
    const { kube } = this.options;
    let object: KubeObject;
    try {
      object = await kube.get(this.gvr, namespace, name);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    if (object.metadata.deletionTimestamp) {
      await editFinalizers(kube, this.gvr, object, (list) => list.filter((f) => f !== FIELD_EXPORT_FINALIZER));
      return;
    }
    if (!object.metadata.finalizers?.includes(FIELD_EXPORT_FINALIZER)) {
      const updated = await editFinalizers(kube, this.gvr, object, (list) => [...list, FIELD_EXPORT_FINALIZER]);
      if (!updated) return;
      object = updated;
    }
    let outcome: ReconcileOutcome;
    let requeueAfterMs = this.options.resyncMs;
    try {
      const message = await this.export(object);
      outcome = { synced: true };
      this.options.logger.info(`FieldExport ${namespace}/${name}: ${message}`);
    } catch (error) {
      const problem = error instanceof ExportProblem ? error : new ExportProblem((error as Error).message, false);
      outcome = problem.terminal ? { terminal: problem.message } : { recoverable: problem.message };
      if (!problem.terminal) requeueAfterMs = this.options.retryMs;
      this.options.logger.warn(
        `FieldExport ${namespace}/${name}: ${problem.terminal ? 'terminal' : 'recoverable'}: ${problem.message}`,
      );
      await this.options.events.record(
        object,
        'Warning',
        problem.terminal ? 'Terminal' : 'ExportFailed',
        problem.message,
      );
    }
    await this.patchConditions(object, outcome);
    return outcome.terminal ? undefined : { requeueAfterMs };
  }

  private async export(object: KubeObject): Promise<string> {
    const spec = object.spec as FieldExportSpec;
    const namespace = object.metadata.namespace!;
    const targetNamespace = spec.to.namespace || namespace;
    if (targetNamespace !== namespace) {
      throw new ExportProblem(
        `FieldExport can only export into its own namespace ${namespace}, not ${targetNamespace}`,
        true,
      );
    }
    const definition = ALL_RESOURCES.find(
      (d) => d.group === spec.from.resource.group && d.kind === spec.from.resource.kind,
    );
    if (!definition)
      throw new ExportProblem(`unsupported resource kind ${spec.from.resource.kind}.${spec.from.resource.group}`, true);
    let source: KubeObject;
    try {
      source = await this.options.kube.get(gvrOf(definition), namespace, spec.from.resource.name);
    } catch (error) {
      if (isNotFound(error))
        throw new ExportProblem(`${spec.from.resource.kind} ${namespace}/${spec.from.resource.name} not found`, false);
      throw error;
    }
    let value: unknown;
    try {
      value = readFieldPath(source, spec.from.path);
    } catch (error) {
      throw new ExportProblem((error as Error).message, true);
    }
    if (value === undefined || value === null)
      throw new ExportProblem(
        `field ${spec.from.path} has no value in ${spec.from.resource.kind} ${spec.from.resource.name}`,
        false,
      );
    const key = spec.to.key || `${namespace}.${object.metadata.name}`;
    await this.write(spec.to.kind, namespace, spec.to.name, key, stringifyFieldValue(value));
    return `exported ${spec.from.path} of ${spec.from.resource.kind} ${spec.from.resource.name} into ${spec.to.kind} ${spec.to.name} key ${key}`;
  }

  /** Sets one key in the target ConfigMap/Secret, creating the object when it does not exist yet. */
  private async write(
    kind: 'configmap' | 'secret',
    namespace: string,
    name: string,
    key: string,
    value: string,
  ): Promise<void> {
    const gvr = kind === 'secret' ? SECRETS : CONFIGMAPS;
    const data = { [key]: kind === 'secret' ? Buffer.from(value).toString('base64') : value };
    try {
      const current = await this.options.kube.get(gvr, namespace, name);
      if ((current.data as Record<string, string> | undefined)?.[key] === data[key]) return;
      await this.options.kube.patch(gvr, namespace, name, 'merge', { data });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.options.kube.create(gvr, namespace, {
        apiVersion: 'v1',
        kind: kind === 'secret' ? 'Secret' : 'ConfigMap',
        metadata: { name, namespace },
        ...(kind === 'secret' ? { type: 'Opaque' } : {}),
        data,
      });
    }
  }

  private async patchConditions(object: KubeObject, outcome: ReconcileOutcome): Promise<void> {
    const previous = (object.status ?? {}) as Record<string, any>;
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const conditions = renderConditions(outcome, previous.conditions, now);
    const patch = createMergePatch(pruneUndefined(previous), { ...previous, conditions });
    if (!patch) return;
    try {
      await retryOnConflict(() =>
        this.options.kube.patch(
          this.gvr,
          object.metadata.namespace,
          object.metadata.name!,
          'merge',
          { status: patch },
          { subresource: 'status' },
        ),
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
