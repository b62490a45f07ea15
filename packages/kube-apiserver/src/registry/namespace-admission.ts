// Where a namespaced object may live: the namespace in the body must match the URL's, and new content is only
// admitted into a namespace that exists and is not terminating (the real NamespaceLifecycle admission plugin).
import type { KubeObject } from '../api.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import type { ResourceType } from '../resource-type.js';
import { objectKey, type ObjectStore } from '../storage/object-store.js';

const NAMESPACES = { group: '', resource: 'namespaces' };

/** Sets metadata.namespace from the URL (dropping it for cluster-scoped kinds); a mismatch is 400. */
export function bindNamespace(type: ResourceType, namespace: string | undefined, object: KubeObject): void {
  if (!type.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  if (object.metadata.namespace && object.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  object.metadata.namespace = namespace;
}

/** The NamespaceLifecycle admission plugin: the namespace must exist and not be terminating. */
export function admitToNamespace(
  storage: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): void {
  if (!type.namespaced) return;
  const ns = storage.get(objectKey('', 'namespaces', undefined, namespace ?? ''));
  if (!ns) throw notFound(NAMESPACES, namespace ?? '');
  if (ns.metadata.deletionTimestamp) {
    throw forbidden(
      type,
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
      [
        {
          type: 'NamespaceTerminating',
          message: `namespace ${namespace} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    );
  }
}
