// core/v1 Namespace: label kubernetes.io/metadata.name, spec.finalizers ["kubernetes"], status.phase
// Active → Terminating on delete (the namespace controller then empties and removes it).
import type { KubeObject } from '../../api.js';
import type { Strategy } from '../strategy.js';
import { forbidden } from '../../errors.js';
import { ALL_VERBS, objectRoot, type ServedKind } from './served-kind.js';

const NAME_LABEL = 'kubernetes.io/metadata.name';
export const NAMESPACE_FINALIZER = 'kubernetes';
/** The namespace lifecycle admission plugin refuses to delete these. */
const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

interface NamespaceShape extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: unknown[] };
}

function ensureNameLabel(ns: KubeObject): void {
  // the real server forces this label to the name (it is used by namespaceSelectors)
  if (ns.metadata.name) ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAME_LABEL]: ns.metadata.name };
}

const strategy: Strategy = {
  tracksGeneration: false,
  nameRule: 'label',
  fieldLabels: ['status.phase'],
  returnDeletedObject: true,
  fields: (o) => ({ 'status.phase': String((o as NamespaceShape).status?.phase ?? '') }),
  prepareForCreate(o) {
    const ns = o as NamespaceShape;
    ns.status = { phase: 'Active' };
    const finalizers = ns.spec?.finalizers ?? [];
    ns.spec = {
      ...(ns.spec ?? {}),
      finalizers: finalizers.includes(NAMESPACE_FINALIZER) ? finalizers : [...finalizers, NAMESPACE_FINALIZER],
    };
    ensureNameLabel(ns);
  },
  prepareForUpdate(o, old, ctx) {
    const ns = o as NamespaceShape;
    const previous = old as NamespaceShape;
    if (ctx.subresource === undefined) {
      ns.status = previous.status;
      // spec.finalizers only changes through the namespace controller's finalize step, never on a plain update
      if (!ns.metadata.deletionTimestamp) ns.spec = { ...(ns.spec ?? {}), finalizers: previous.spec?.finalizers ?? [] };
    }
    ensureNameLabel(ns);
  },
  beforeDelete(o) {
    if (IMMORTAL.has(o.metadata.name ?? ''))
      throw forbidden({ group: '', resource: 'namespaces' }, o.metadata.name!, 'this namespace may not be deleted');
    (o as NamespaceShape).status = { ...((o as NamespaceShape).status ?? {}), phase: 'Terminating' };
  },
  pendingFinalizers: (o) => (o as NamespaceShape).spec?.finalizers ?? [],
};

export const namespaceKind: ServedKind = {
  type: {
    group: '',
    version: 'v1',
    resource: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ALL_VERBS.filter((v) => v !== 'deletecollection'),
    statusSubresource: true,
    builtin: true,
    schema: objectRoot({
      spec: { type: 'object', properties: { finalizers: { type: 'array', items: { type: 'string' } } } },
      status: {
        type: 'object',
        properties: {
          phase: { type: 'string' },
          conditions: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      },
    }),
    printerColumns: [
      { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'The status of the namespace' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ],
  },
  strategy,
};
