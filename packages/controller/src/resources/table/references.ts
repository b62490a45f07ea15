// The Table's one reference: sseSpecification.kmsMasterKeyRef → a kms.services.k8s.aws Key's ARN (ACK's
// ResolveReferences). ack-local ships no KMS controller, so this works when a Key CR is present with an ARN in its
// status (e.g. created by hand), and otherwise reports ACK's "Reference resolution failed".
import type { ResourceClient } from '@ack-local/kube-apiserver';
import { isNotFound } from '../../runtime/kube-helpers.js';
import type { TableResource } from './read.js';

const KMS_KEYS = { group: 'kms.services.k8s.aws', version: 'v1alpha1', resource: 'keys' };

export async function resolveTableReferences(desired: TableResource, kube: ResourceClient): Promise<boolean> {
  const ref = desired.spec.sseSpecification?.kmsMasterKeyRef?.from;
  if (!ref?.name) return false;
  const namespace = ref.namespace || desired.object.metadata.namespace;
  let key;
  try {
    key = await kube.get(KMS_KEYS, namespace, ref.name);
  } catch (error) {
    if (isNotFound(error)) throw new Error(`resource reference not found: Key ${namespace}/${ref.name}`);
    throw error;
  }
  const status = key.status as
    { ackResourceMetadata?: { arn?: string }; conditions?: { type: string; status: string }[] } | undefined;
  const synced = status?.conditions?.some((c) => c.type === 'ACK.ResourceSynced' && c.status === 'True');
  const arn = status?.ackResourceMetadata?.arn;
  if (!arn || !synced) throw new Error(`referenced resource Key ${namespace}/${ref.name} is not synced yet`);
  desired.spec.sseSpecification = { ...desired.spec.sseSpecification, kmsMasterKeyID: arn };
  return true;
}
