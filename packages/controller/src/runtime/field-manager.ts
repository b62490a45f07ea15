// The field manager the controller's writes carry. The real ACK controller writes through controller-runtime
// without a FieldOwner, so the apiserver names the manager after its User-Agent: the binary's name, `controller`
// (the image runs /bin/controller). Setting the same name keeps managedFields (and `kubectl apply --server-side`
// conflicts, which name the manager) as a user of the real controller sees them.
import type { ResourceClient, WriteOptions } from '@ack-local/kube-apiserver';

export const CONTROLLER_FIELD_MANAGER = 'controller';

/** `kube` with every write attributed to `manager` (unless the call names one itself). */
export function withFieldManager(kube: ResourceClient, manager = CONTROLLER_FIELD_MANAGER): ResourceClient {
  const options = (o: WriteOptions | undefined): WriteOptions => ({ fieldManager: manager, ...o });
  return {
    get: (gvr, namespace, name) => kube.get(gvr, namespace, name),
    list: (gvr, namespace, o) => kube.list(gvr, namespace, o),
    create: (gvr, namespace, object, o) => kube.create(gvr, namespace, object, options(o)),
    update: (gvr, namespace, object, o) => kube.update(gvr, namespace, object, options(o)),
    patch: (gvr, namespace, name, type, patch, o) => kube.patch(gvr, namespace, name, type, patch, options(o)),
    delete: (gvr, namespace, name, o) => kube.delete(gvr, namespace, name, o),
    watch: (gvr, namespace, o, onEvent) => kube.watch(gvr, namespace, o, onEvent),
  };
}
