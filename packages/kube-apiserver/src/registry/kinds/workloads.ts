// The workload and networking kinds every cluster serves (pods, services, deployments, …). ack-local runs no
// workloads, so they exist to let the commands people type by reflex behave as on an empty cluster: they list
// empty (with the `all` category where the real server has it, so `kubectl get all` works), `kubectl apply
// --prune` resolves its default allowlist, and a create is refused with a Forbidden Status that says why and what
// to do instead. The one object among them is the `kubernetes` Service in `default`, which every cluster has.
import type { KubeObject } from '../../api.js';
import { forbidden } from '../../errors.js';
import type { ResourceType } from '../../resource-type.js';
import type { Strategy } from '../strategy.js';
import { ALL_VERBS, objectRoot, type ServedKind } from './served-kind.js';

/** What a refused create says after "<resource> "<name>" is forbidden: ". */
export const DEFAULT_NO_WORKLOADS_MESSAGE =
  'this API server runs no workloads: it serves the API only, and nothing would ever run this object';

interface WorkloadKind {
  group: string;
  resource: string;
  kind: string;
  namespaced?: boolean;
  shortNames?: string[];
  all?: boolean;
  generation?: boolean;
}

// The real server's short names and `all` category (kubectl api-resources on 1.32).
const WORKLOADS: WorkloadKind[] = [
  { group: '', resource: 'pods', kind: 'Pod', shortNames: ['po'], all: true },
  { group: '', resource: 'services', kind: 'Service', shortNames: ['svc'], all: true },
  { group: '', resource: 'endpoints', kind: 'Endpoints', shortNames: ['ep'] },
  { group: '', resource: 'replicationcontrollers', kind: 'ReplicationController', shortNames: ['rc'], all: true },
  { group: '', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', shortNames: ['pvc'] },
  { group: '', resource: 'persistentvolumes', kind: 'PersistentVolume', shortNames: ['pv'], namespaced: false },
  { group: 'apps', resource: 'deployments', kind: 'Deployment', shortNames: ['deploy'], all: true, generation: true },
  { group: 'apps', resource: 'replicasets', kind: 'ReplicaSet', shortNames: ['rs'], all: true, generation: true },
  { group: 'apps', resource: 'statefulsets', kind: 'StatefulSet', shortNames: ['sts'], all: true, generation: true },
  { group: 'apps', resource: 'daemonsets', kind: 'DaemonSet', shortNames: ['ds'], all: true, generation: true },
  { group: 'batch', resource: 'jobs', kind: 'Job', all: true, generation: true },
  { group: 'batch', resource: 'cronjobs', kind: 'CronJob', shortNames: ['cj'], all: true, generation: true },
  { group: 'networking.k8s.io', resource: 'ingresses', kind: 'Ingress', shortNames: ['ing'], generation: true },
];

const freeForm = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function workloadKind(w: WorkloadKind, refusal: string): ServedKind {
  const strategy: Strategy = {
    tracksGeneration: w.generation ?? false,
    nameRule: 'subdomain',
    fieldLabels: [],
    returnDeletedObject: w.group !== '',
    admitCreate(object: KubeObject) {
      throw forbidden(w, object.metadata.name ?? '', refusal);
    },
  };
  const type: ResourceType = {
    group: w.group,
    version: 'v1',
    resource: w.resource,
    singular: w.kind.toLowerCase(),
    kind: w.kind,
    listKind: `${w.kind}List`,
    namespaced: w.namespaced ?? true,
    ...(w.shortNames ? { shortNames: w.shortNames } : {}),
    ...(w.all ? { categories: ['all'] } : {}),
    verbs: ALL_VERBS,
    statusSubresource: w.resource !== 'endpoints',
    builtin: true,
    schema: objectRoot(
      w.resource === 'endpoints'
        ? { subsets: { type: 'array', items: freeForm } }
        : { spec: freeForm, status: freeForm },
    ),
    printerColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
  };
  return { type, strategy };
}

/** The workload kinds, whose creates answer `… is forbidden: <refusal>`. */
export function workloadKinds(refusal = DEFAULT_NO_WORKLOADS_MESSAGE): ServedKind[] {
  return WORKLOADS.map((w) => workloadKind(w, refusal));
}

/** The Service every cluster has in `default`, pointing at the apiserver (what `kubectl get svc` shows first). */
export const kubernetesService: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'kubernetes',
    namespace: 'default',
    labels: { component: 'apiserver', provider: 'kubernetes' },
  },
  spec: {
    clusterIP: '10.96.0.1',
    clusterIPs: ['10.96.0.1'],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    sessionAffinity: 'None',
    type: 'ClusterIP',
  },
  status: { loadBalancer: {} },
};
