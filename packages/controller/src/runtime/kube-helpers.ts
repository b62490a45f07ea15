// Small ResourceClient conveniences the reconcilers share: NotFound/Conflict detection, namespace annotations,
// finalizer edits (merge patch on metadata, retried on conflict).
import type { KubeObject, ResourceClient } from '@ack-local/kube-apiserver';

export const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

const statusCode = (error: unknown): number | undefined => {
  const e = error as { code?: unknown; status?: { code?: unknown } };
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.status?.code === 'number') return e.status.code;
  return undefined;
};
export const isNotFound = (error: unknown) =>
  statusCode(error) === 404 || (error as { reason?: string })?.reason === 'NotFound';
export const isConflict = (error: unknown) =>
  statusCode(error) === 409 && (error as { reason?: string })?.reason !== 'AlreadyExists';

export async function namespaceAnnotations(
  kube: ResourceClient,
  namespace: string | undefined,
): Promise<Record<string, string>> {
  if (!namespace) return {};
  try {
    const ns = await kube.get(NAMESPACES, undefined, namespace);
    return ns.metadata.annotations ?? {};
  } catch (error) {
    if (isNotFound(error)) return {};
    throw error;
  }
}

/** Retries `write` on 409 Conflict (someone else wrote in between), up to `attempts` times. */
export async function retryOnConflict<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}

/** Sets the finalizer list through a metadata merge patch computed from a fresh read, so others' finalizers survive. */
export async function editFinalizers(
  kube: ResourceClient,
  gvr: { group: string; version: string; resource: string },
  object: KubeObject,
  edit: (finalizers: string[]) => string[],
  extraMetadata: Record<string, unknown> = {},
): Promise<KubeObject | undefined> {
  return retryOnConflict(async () => {
    let current: KubeObject;
    try {
      current = await kube.get(gvr, object.metadata.namespace, object.metadata.name!);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const before = current.metadata.finalizers ?? [];
    const after = edit([...before]);
    if (JSON.stringify(before) === JSON.stringify(after) && Object.keys(extraMetadata).length === 0) return current;
    try {
      return await kube.patch(gvr, object.metadata.namespace, object.metadata.name!, 'merge', {
        metadata: { finalizers: after, resourceVersion: current.metadata.resourceVersion, ...extraMetadata },
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  });
}
