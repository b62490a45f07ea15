// What a resource kind plugs into the generic ACK reconcile loop (ACK's AWSResourceManager + descriptor).
import type { GroupVersionResource, KubeObject, ResourceClient } from '@ack-local/kube-apiserver';
import type { DynamoDBClient } from '../aws/client.js';
import type { RequeueAfter } from './errors.js';

/** Spec and status as the controller sees them; `object` is the CR they came from. */
export interface AckResource<Spec = Record<string, any>, Status = Record<string, any>> {
  object: KubeObject;
  spec: Spec;
  status: Status;
  /** The AWS resource's ARN, when it exists (goes to status.ackResourceMetadata.arn). */
  arn?: string;
}

export interface ReconcileContext {
  dynamodb: DynamoDBClient;
  target: { region: string; accountId: string };
  /** Scales ACK's requeue delays (5s/10s/30s) into milliseconds. */
  delay(seconds: number): number;
}

/** ReadOne's answer: what DynamoDB holds, plus an optional "look again later" (ACK returns both at once). */
export interface ReadResult<Spec, Status> {
  latest: AckResource<Spec, Status>;
  requeue?: RequeueAfter;
}

export interface ResourceManager<Spec = Record<string, any>, Status = Record<string, any>> {
  kind: string;
  gvr: GroupVersionResource;
  finalizer: string;
  /** Spec field names that identify the AWS resource, for `services.k8s.aws/adoption-fields`. */
  identifierFields: string[];
  /** Fills in adoption-fields values (already checked to contain every identifier field). */
  applyAdoptionFields(desired: AckResource<Spec, Status>, fields: Record<string, string>): void;
  /** Throws NotFoundError when the AWS resource does not exist. */
  readOne(desired: AckResource<Spec, Status>, ctx: ReconcileContext): Promise<ReadResult<Spec, Status>>;
  /** Returns the resource as created; may throw RequeueAfter. */
  create(desired: AckResource<Spec, Status>, ctx: ReconcileContext): Promise<ReadResult<Spec, Status>>;
  /** Spec paths where desired and latest differ (after ACK's defaulting). Empty: in sync. */
  delta(desired: AckResource<Spec, Status>, latest: AckResource<Spec, Status>): string[];
  update(
    desired: AckResource<Spec, Status>,
    latest: AckResource<Spec, Status>,
    delta: string[],
    ctx: ReconcileContext,
  ): Promise<ReadResult<Spec, Status>>;
  delete(latest: AckResource<Spec, Status>, ctx: ReconcileContext, desired: AckResource<Spec, Status>): Promise<void>;
  /** ACK's resource-specific synced check (e.g. table ACTIVE). */
  isSynced(latest: AckResource<Spec, Status>): boolean;
  /** Spec as it should be written back to the CR after adoption (system tags filtered out). */
  specForPatch?(latest: AckResource<Spec, Status>): Spec;
  /**
   * ACK's ResolveReferences: fills spec fields from referenced resources (in place). Returns whether the resource has
   * references at all (the ACK.ReferencesResolved condition appears only then); throws when one cannot be resolved.
   */
  resolveReferences?(desired: AckResource<Spec, Status>, kube: ResourceClient): Promise<boolean>;
  /** A desired-state problem the runtime must not send to AWS (returns the Terminal message), e.g. a renamed table. */
  checkDesired?(desired: AckResource<Spec, Status>): string | undefined;
  /** Human name of the AWS resource for events and logs, e.g. `table carts-fastpath`. */
  describe(desired: AckResource<Spec, Status>): string;
}
