// The generic ACK reconcile loop (aws-controllers-k8s/runtime pkg/runtime/reconciler.go), parameterised by a
// ResourceManager: resolve account/region, delete (honouring deletion policy) or sync (adopt, create, or
// compare and update), then render ACK's conditions and patch /status, and decide when to come back.
import type { KubeObject, ResourceClient } from '@ack-local/kube-apiserver';
import type { DynamoDBClient } from '../aws/client.js';
import type { Condition } from '../api/common.js';
import {
  ANNOTATION_ADOPTED,
  ANNOTATION_ADOPTION_POLICY,
  ANNOTATION_DEFAULT_REGION,
  ANNOTATION_DELETION_POLICY,
  ANNOTATION_NAMESPACE_DELETION_POLICY,
  ANNOTATION_OWNER_ACCOUNT,
  ANNOTATION_READ_ONLY,
  ANNOTATION_REGION,
} from './annotations.js';
import { adopt, type AdoptionSteps } from './adoption.js';
import { renderConditions, type ReconcileOutcome } from './conditions.js';
import { NotFoundError, RequeueAfter, TerminalError, describeError, isTerminal } from './errors.js';
import type { EventRecorder } from './events.js';
import { goDuration } from './go-duration.js';
import { editFinalizers, isNotFound, namespaceAnnotations, retryOnConflict } from './kube-helpers.js';
import { createMergePatch, pruneUndefined } from './merge-patch.js';
import type { AckResource, ReconcileContext, ResourceManager } from './resource-manager.js';
import type { ProcessResult } from './work-queue.js';

export type DeletionPolicy = 'delete' | 'retain';

export interface Logger {
  info(...a: unknown[]): void;
  warn(...a: unknown[]): void;
  error(...a: unknown[]): void;
}

export interface ReconcilerOptions {
  kube: ResourceClient;
  dynamodb: DynamoDBClient;
  region: string;
  accountId: string;
  deletionPolicy: DeletionPolicy;
  resyncMs: number;
  timeScale: number;
  logger: Logger;
  events: EventRecorder;
  /** Called after every reconcile that reached the resource (FieldExports re-read their source then). */
  onReconciled?: (object: KubeObject) => void;
}

export const ALREADY_EXISTS_MESSAGE = 'Resource already exists';
export const ALREADY_EXISTS_REASON =
  'This resource already exists but is not managed by ACK. To bring the resource under ACK management, you should ' +
  'explicitly adopt the resource by enabling the ResourceAdoption feature gate and populating the ' +
  '`services.k8s.aws/adoption-policy` and `services.k8s.aws/adoption-fields` annotations.';
const NOT_SYNCED_REQUEUE_SECONDS = 30;

/** Thrown inside a reconcile to stop with a Terminal condition that carries a reason. */
class TerminalWithReason extends TerminalError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

export class AckReconciler {
  constructor(
    private readonly manager: ResourceManager,
    private readonly options: ReconcilerOptions,
  ) {}

  get kind(): string {
    return this.manager.kind;
  }

  async reconcile(namespace: string | undefined, name: string): Promise<ProcessResult> {
    const { kube } = this.options;
    let object: KubeObject;
    try {
      object = await kube.get(this.manager.gvr, namespace, name);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    const nsAnnotations = await namespaceAnnotations(kube, namespace);
    const annotations = object.metadata.annotations ?? {};
    const status = (object.status ?? {}) as Record<string, any>;
    const accountId = nsAnnotations[ANNOTATION_OWNER_ACCOUNT] || this.options.accountId;
    const statusRegion: string | undefined = status.ackResourceMetadata?.region;
    const desiredRegion =
      annotations[ANNOTATION_REGION] || nsAnnotations[ANNOTATION_DEFAULT_REGION] || this.options.region;
    const region = statusRegion || desiredRegion;

    if (object.metadata.deletionTimestamp) {
      // Deletion always targets where the resource was recorded, whatever the annotations say now, so a CR
      // with a contradicting region or account annotation can still be deleted.
      const recorded = status.ackResourceMetadata ?? {};
      const target = { region: recorded.region || region, accountId: recorded.ownerAccountID || accountId };
      const desired: AckResource = {
        object,
        spec: structuredClone((object.spec ?? {}) as Record<string, any>),
        status: structuredClone(status),
      };
      return this.reconcileDeletion(desired, this.contextFor(target), nsAnnotations);
    }

    const anchored = this.checkAnchoring(object, status, desiredRegion, accountId);
    if (anchored) {
      // ACK returns this terminal error without patching status; the event and log are how users see it.
      this.log('warn', object, `terminal: ${anchored}`);
      await this.options.events.record(object, 'Warning', 'Terminal', anchored);
      return;
    }

    const desired: AckResource = {
      object,
      spec: structuredClone((object.spec ?? {}) as Record<string, any>),
      status: structuredClone(status),
    };
    return this.reconcileSync(desired, this.contextFor({ region, accountId }));
  }

  private contextFor(target: { region: string; accountId: string }): ReconcileContext {
    return {
      dynamodb: this.options.dynamodb,
      target,
      delay: (seconds) => Math.max(1, Math.round(seconds * 1000 * this.options.timeScale)),
    };
  }

  private checkAnchoring(
    object: KubeObject,
    status: Record<string, any>,
    desiredRegion: string,
    accountId: string,
  ): string | undefined {
    const meta = status.ackResourceMetadata;
    if (!meta?.arn) return undefined;
    const annotated = object.metadata.annotations?.[ANNOTATION_REGION];
    if (annotated && meta.region && annotated !== meta.region) {
      return `Resource already exists in region ${meta.region}, but the desired state specifies region ${desiredRegion}. `;
    }
    if (meta.ownerAccountID && meta.ownerAccountID !== accountId) {
      return `Resource already exists in account ${meta.ownerAccountID}, but the role used doesn't have access to it. `;
    }
    return undefined;
  }

  // ---- deletion ------------------------------------------------------------------------------------------------

  private async reconcileDeletion(
    desired: AckResource,
    ctx: ReconcileContext,
    nsAnnotations: Record<string, string>,
  ): Promise<ProcessResult> {
    const { object } = desired;
    if (!object.metadata.finalizers?.includes(this.manager.finalizer)) return;
    const annotations = object.metadata.annotations ?? {};
    const policy = (
      annotations[ANNOTATION_DELETION_POLICY] ||
      nsAnnotations[ANNOTATION_NAMESPACE_DELETION_POLICY] ||
      this.options.deletionPolicy
    ).toLowerCase();
    if (policy === 'retain' || annotations[ANNOTATION_READ_ONLY] === 'true') {
      await this.removeFinalizer(object);
      const why = policy === 'retain' ? 'deletion policy retain' : 'read-only resource';
      this.log('info', object, `${this.manager.describe(desired)} retained (${why}), finalizer removed`);
      await this.options.events.record(
        object,
        'Normal',
        'Retained',
        `${this.manager.describe(desired)} left in DynamoDB (${why})`,
      );
      return;
    }
    try {
      let read;
      try {
        read = await this.manager.readOne(desired, ctx);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
      if (read) {
        if (read.requeue) throw read.requeue;
        await this.manager.delete(read.latest, ctx, desired);
      }
      await this.removeFinalizer(object);
      this.log('info', object, `${this.manager.describe(desired)} deleted, finalizer removed`);
      await this.options.events.record(object, 'Normal', 'Deleted', `Deleted ${this.manager.describe(desired)}`);
      return;
    } catch (error) {
      return this.finish(desired, ctx, undefined, this.classify(error), error);
    }
  }

  private async removeFinalizer(object: KubeObject): Promise<void> {
    await editFinalizers(this.options.kube, this.manager.gvr, object, (list) =>
      list.filter((f) => f !== this.manager.finalizer),
    );
  }

  private async addFinalizer(object: KubeObject, extraMetadata: Record<string, unknown> = {}): Promise<void> {
    const updated = await editFinalizers(
      this.options.kube,
      this.manager.gvr,
      object,
      (list) => (list.includes(this.manager.finalizer) ? list : [...list, this.manager.finalizer]),
      extraMetadata,
    );
    if (!updated)
      throw new Error(`${this.manager.kind} ${object.metadata.name} disappeared while adding its finalizer`);
    object.metadata = updated.metadata;
  }

  private adoptionSteps(): AdoptionSteps {
    return {
      manager: this.manager,
      kube: this.options.kube,
      events: this.options.events,
      addFinalizer: (object, extra) => this.addFinalizer(object, extra),
      log: (object, message) => this.log('info', object, message),
    };
  }

  // ---- sync ----------------------------------------------------------------------------------------------------

  private async reconcileSync(desired: AckResource, ctx: ReconcileContext): Promise<ProcessResult> {
    let latest: AckResource | undefined;
    let references: ReconcileOutcome['referencesResolved'];
    const done = (outcome: ReconcileOutcome, error?: unknown, requeueMs?: number) =>
      this.finish(desired, ctx, latest, { ...outcome, referencesResolved: references }, error, requeueMs);
    try {
      const invalid = this.manager.checkDesired?.(desired);
      if (invalid) throw new TerminalError(invalid);
      const annotations = desired.object.metadata.annotations ?? {};
      const policy = annotations[ANNOTATION_ADOPTION_POLICY];
      const adopted = annotations[ANNOTATION_ADOPTED] === 'true';
      const managed = desired.object.metadata.finalizers?.includes(this.manager.finalizer) ?? false;
      const readOnly = annotations[ANNOTATION_READ_ONLY] === 'true';

      if (policy && !adopted && !managed) {
        const result = await adopt(this.adoptionSteps(), desired, policy, ctx);
        if (result) {
          latest = result.latest;
          return await done({ synced: this.manager.isSynced(latest) }, undefined, result.requeueMs);
        }
        // adopt-or-create found nothing: create below.
      }

      if (this.manager.resolveReferences) {
        try {
          if (await this.manager.resolveReferences(desired, this.options.kube)) references = { status: 'True' };
        } catch (error) {
          references = { status: 'False', reason: describeError(error) };
          throw new RequeueAfter(ctx.delay(NOT_SYNCED_REQUEUE_SECONDS), describeError(error));
        }
      }

      let found;
      try {
        found = await this.manager.readOne(desired, ctx);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }

      if (!found) {
        if (readOnly)
          throw new RequeueAfter(
            ctx.delay(NOT_SYNCED_REQUEUE_SECONDS),
            `read-only resource not found: ${this.manager.describe(desired)}`,
          );
        latest = await this.create(desired, ctx);
      } else {
        latest = found.latest;
        if (!managed && !adopted && !readOnly)
          throw new TerminalWithReason(ALREADY_EXISTS_MESSAGE, ALREADY_EXISTS_REASON);
        if (found.requeue) throw found.requeue;
        if (!readOnly) {
          const delta = this.manager.delta(desired, latest);
          if (delta.length > 0) {
            this.log('info', desired.object, `updating ${this.manager.describe(desired)}: ${delta.join(', ')}`);
            await this.options.events.record(
              desired.object,
              'Normal',
              'Updating',
              `Updating ${this.manager.describe(desired)}: ${delta.join(', ')}`,
            );
            const updated = await this.manager.update(desired, latest, delta, ctx);
            latest = updated.latest;
            if (updated.requeue) throw updated.requeue;
          }
        }
      }
      return await done({ synced: this.manager.isSynced(latest) });
    } catch (error) {
      if (error instanceof LatestAttached) {
        latest = error.latest;
        return done(this.classify(error.cause), error.cause);
      }
      return done(this.classify(error), error);
    }
  }

  private async create(desired: AckResource, ctx: ReconcileContext): Promise<AckResource> {
    await this.addFinalizer(desired.object);
    let created;
    try {
      created = await this.manager.create(desired, ctx);
    } catch (error) {
      // ACK keeps the finalizer on terminal errors (the CR stays until the user fixes or deletes it) and drops it
      // otherwise, so a CR whose creation never reached AWS can be deleted without the controller.
      if (!isTerminal(error) && !(error instanceof RequeueAfter)) await this.removeFinalizer(desired.object);
      throw error;
    }
    this.log('info', desired.object, `created ${this.manager.describe(desired)}`);
    await this.options.events.record(desired.object, 'Normal', 'Created', `Created ${this.manager.describe(desired)}`);
    if (created.requeue) throw new LatestAttached(created.latest, created.requeue);
    return created.latest;
  }

  // ---- outcome -------------------------------------------------------------------------------------------------

  private classify(error: unknown): ReconcileOutcome {
    if (error instanceof TerminalWithReason) return { terminal: error.message, terminalReason: error.reason };
    if (isTerminal(error)) return { terminal: describeError(error) };
    if (error instanceof RequeueAfter) return error.reason ? { recoverable: error.reason } : {};
    return { recoverable: describeError(error) };
  }

  /**
   * Writes status (latest observed fields + ACK metadata + conditions) and decides the requeue:
   * Terminal → none; RequeueAfter → its delay; other errors → rethrown for rate-limited backoff;
   * synced → resync period; not synced → 30s (scaled).
   */
  private async finish(
    desired: AckResource,
    ctx: ReconcileContext,
    latest: AckResource | undefined,
    outcome: ReconcileOutcome,
    error?: unknown,
    requeueMs?: number,
  ): Promise<ProcessResult> {
    const { object } = desired;
    const previous = (object.status ?? {}) as Record<string, any>;
    const next: Record<string, any> = { ...(latest?.status ?? stripConditions(previous)) };
    if (latest) {
      next.ackResourceMetadata = pruneUndefined({
        arn: latest.arn ?? previous.ackResourceMetadata?.arn,
        ownerAccountID: ctx.target.accountId,
        partition: 'aws',
        region: ctx.target.region,
      });
    }
    if (outcome.synced === undefined && !outcome.terminal && !outcome.recoverable && latest)
      outcome.synced = this.manager.isSynced(latest);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    next.conditions = renderConditions(outcome, previous.conditions as Condition[] | undefined, now);
    await this.patchStatus(object, previous, next);

    const summary = outcome.terminal
      ? `terminal: ${outcome.terminal}`
      : outcome.recoverable
        ? `recoverable: ${outcome.recoverable}`
        : outcome.synced
          ? 'synced'
          : 'not synced';
    this.options.onReconciled?.(object);

    if (outcome.terminal) {
      this.log('warn', object, summary);
      await this.options.events.record(object, 'Warning', 'Terminal', outcome.terminal);
      return;
    }
    if (error instanceof RequeueAfter) {
      this.log('info', object, `${summary}; requeue needed after ${goDuration(error.delayMs)}`);
      return { requeueAfterMs: error.delayMs };
    }
    if (error) {
      this.log('warn', object, `${summary}; retrying with backoff`);
      await this.options.events.record(object, 'Warning', 'ReconcileError', describeError(error));
      throw new ReportedError(error);
    }
    if (requeueMs !== undefined) {
      this.log('info', object, `${summary}; requeue needed after ${goDuration(requeueMs)}`);
      return { requeueAfterMs: requeueMs };
    }
    const wait = outcome.synced
      ? this.options.resyncMs
      : Math.round(NOT_SYNCED_REQUEUE_SECONDS * 1000 * this.options.timeScale);
    this.log('info', object, `${summary}; requeue needed after ${goDuration(wait)}`);
    return { requeueAfterMs: wait };
  }

  private async patchStatus(
    object: KubeObject,
    previous: Record<string, any>,
    next: Record<string, any>,
  ): Promise<void> {
    const patch = createMergePatch(pruneUndefined(previous), pruneUndefined(next));
    if (!patch) return;
    try {
      await retryOnConflict(() =>
        this.options.kube.patch(
          this.manager.gvr,
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

  private log(level: 'info' | 'warn', object: KubeObject, message: string): void {
    this.options.logger[level](`${this.manager.kind} ${object.metadata.namespace}/${object.metadata.name}: ${message}`);
  }
}

/** Carries the resource as created/updated along with the requeue that followed, so status still shows it. */
class LatestAttached extends Error {
  constructor(
    readonly latest: AckResource,
    override readonly cause: unknown,
  ) {
    super('latest attached');
  }
}

function stripConditions(status: Record<string, any>): Record<string, any> {
  const { conditions: _ignored, ...rest } = status;
  return rest;
}

/** A failed reconcile whose outcome is already logged and written to status; the queue only backs off. */
export class ReportedError extends Error {
  readonly reported = true;
  constructor(override readonly cause: unknown) {
    super(describeError(cause));
  }
}
