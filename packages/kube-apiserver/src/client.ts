// The in-process ResourceClient: the same registry calls HTTP requests make (validation, defaulting,
// resourceVersion, generation, finalizers, watch events), minus HTTP. In-process writes default to
// fieldValidation Ignore (like client-go typed clients that never send unknown fields).
import type {
  GroupVersionResource,
  KubeObject,
  ObjectList,
  PatchType,
  ResourceClient,
  WatchEvent,
  WatchOptions,
  WriteOptions,
  ListOptions,
} from './api.js';
import type { WriteContext } from './registry/generic-store.js';
import type { Registry } from './registry/registry.js';
import { startWatch } from './watch/watcher.js';

const DEFAULT_MANAGER = 'ack-local';

function writeContext(options: WriteOptions | undefined): WriteContext {
  return {
    fieldManager: options?.fieldManager ?? DEFAULT_MANAGER,
    ...(options?.dryRun ? { dryRun: true } : {}),
    ...(options?.force !== undefined ? { force: options.force } : {}),
    ...(options?.subresource ? { subresource: options.subresource } : {}),
  };
}

function listQuery(options: ListOptions | undefined): ListOptions {
  return {
    ...(options?.labelSelector ? { labelSelector: options.labelSelector } : {}),
    ...(options?.fieldSelector ? { fieldSelector: options.fieldSelector } : {}),
    ...(options?.limit ? { limit: options.limit } : {}),
    ...(options?.continue ? { continue: options.continue } : {}),
  };
}

/** Runs a synchronous registry call as a promise (errors become rejections, like HTTP errors). */
const run = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));

/** What an HTTP client's body would be: JSON drops `undefined` members (and copies, so callers keep their object). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function createInProcessClient(registry: Registry): ResourceClient {
  const { store } = registry;
  return {
    get: (gvr: GroupVersionResource, namespace: string | undefined, name: string): Promise<KubeObject> =>
      run(() => store.get(registry.resolveGvr(gvr), namespace, name)),
    list: (gvr, namespace, options): Promise<ObjectList> =>
      run(() => store.list(registry.resolveGvr(gvr), namespace, listQuery(options))),
    create: (gvr, namespace, object, options) =>
      run(
        () =>
          store.create(
            registry.resolveGvr(gvr),
            namespace ?? object.metadata.namespace,
            asJson(object),
            writeContext(options),
          ).object,
      ),
    update: (gvr, namespace, object, options) =>
      run(
        () =>
          store.update(
            registry.resolveGvr(gvr),
            namespace ?? object.metadata.namespace,
            object.metadata.name ?? '',
            asJson(object),
            writeContext(options),
          ).object,
      ),
    patch: (gvr, namespace, name, type: PatchType, patch, options) =>
      run(
        () => store.patch(registry.resolveGvr(gvr), namespace, name, type, asJson(patch), writeContext(options)).object,
      ),
    delete: (gvr, namespace, name, options) =>
      run(
        () =>
          store.delete(registry.resolveGvr(gvr), namespace, name, {
            ...(options?.dryRun ? { dryRun: true } : {}),
            ...(options?.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
          }).object,
      ),
    watch(gvr, namespace, options: WatchOptions, onEvent: (event: WatchEvent) => void): () => void {
      const kind = registry.resolveGvr(gvr);
      const selectors = store.parseSelectors(kind, listQuery(options));
      let stopped = false;
      const bookmarks = options.allowBookmarks;
      const watch = startWatch(
        registry,
        {
          kind,
          selectors,
          ...(namespace !== undefined ? { namespace } : {}),
          ...(options.resourceVersion !== undefined ? { resourceVersion: options.resourceVersion } : {}),
        },
        (event) => {
          if (!stopped && (event.type !== 'BOOKMARK' || bookmarks)) onEvent(event);
        },
      );
      return () => {
        stopped = true;
        watch.stop();
      };
    },
  };
}
