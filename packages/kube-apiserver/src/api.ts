// The programmatic face of the apiserver, used in-process by the controller and the CLI. Every call goes through
// the same generic registry as HTTP requests (validation, defaulting, resourceVersion, generation, finalizers,
// watch events), so in-process and HTTP clients see one truth.

export interface GroupVersionResource {
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, e.g. 'tables'
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: unknown[];
  managedFields?: unknown[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface WriteOptions {
  /** 'status' writes only .status; otherwise .status is ignored (status subresource rules). */
  subresource?: 'status';
  fieldManager?: string;
  dryRun?: boolean;
  force?: boolean;
}

export interface WatchOptions extends ListOptions {
  /** Replay history after this RV; '' or '0' = synthetic ADDED for the current state first. */
  resourceVersion?: string;
  allowBookmarks?: boolean;
}

/** Errors are thrown as StatusError, carrying the Kubernetes Status object HTTP clients would receive. */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message: string; field?: string }[];
  };
  code: number;
}

export interface ResourceClient {
  get(gvr: GroupVersionResource, namespace: string | undefined, name: string): Promise<KubeObject>;
  list(gvr: GroupVersionResource, namespace: string | undefined, options?: ListOptions): Promise<ObjectList>;
  create(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    object: KubeObject,
    options?: WriteOptions,
  ): Promise<KubeObject>;
  /** PUT semantics: metadata.resourceVersion, when set, must match (409 Conflict otherwise). */
  update(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    object: KubeObject,
    options?: WriteOptions,
  ): Promise<KubeObject>;
  patch(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options?: WriteOptions,
  ): Promise<KubeObject>;
  delete(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    name: string,
    options?: { dryRun?: boolean; propagationPolicy?: string },
  ): Promise<KubeObject>;
  /** Calls onEvent for each event until the returned function is called. */
  watch(
    gvr: GroupVersionResource,
    namespace: string | undefined,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): () => void;
}
