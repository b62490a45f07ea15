// The registry as a whole: LMDB storage, the live type set, the generic store, the change bus and the
// in-process controllers (CRD types, namespace and CRD cleanup). HTTP routes and the in-process client both
// go through this one object.
import type { GroupVersionResource, KubeObject } from '../api.js';
import { ObjectStore } from '../storage/object-store.js';
import { EventBus } from '../watch/event-bus.js';
import { CleanupController } from './cleanup-controller.js';
import { GenericStore } from './generic-store.js';
import type { CustomResourceDefinition } from './kinds/custom-resource-definition.js';
import { customResourceDefinitionKind } from './kinds/custom-resource-definition.js';
import { namespaceKind } from './kinds/namespace.js';
import type { ServedKind } from './kinds/served-kind.js';
import { notFound, pathNotFound } from '../errors.js';
import { BUILTIN_KINDS, TypeRegistry } from './type-registry.js';
import { kubernetesService, workloadKinds } from './kinds/workloads.js';
import { resourcePrefix } from '../storage/object-store.js';

export const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface RegistryOptions {
  dataDir: string;
  watchHistory?: number;
  namespaces?: string[];
  crds?: KubeObject[];
  /** What a refused create of a workload (pod, deployment, …) says after `… is forbidden: `. */
  noWorkloadsMessage?: string;
}

const CRD_PREFIX = resourcePrefix('apiextensions.k8s.io', 'customresourcedefinitions');

export class Registry {
  readonly storage: ObjectStore;
  readonly types: TypeRegistry;
  readonly bus = new EventBus();
  readonly store: GenericStore;
  private readonly cleanup: CleanupController;

  constructor(options: RegistryOptions) {
    this.types = new TypeRegistry([...BUILTIN_KINDS, ...workloadKinds(options.noWorkloadsMessage)]);
    this.storage = new ObjectStore({ dataDir: options.dataDir, historySize: options.watchHistory ?? 10_000 });
    this.store = new GenericStore(this.storage, this.types, this.bus);
    for (const { object } of this.storage.range(CRD_PREFIX)) this.types.setCrd(object as CustomResourceDefinition);
    // served types follow CRD writes synchronously: the next request after a CRD commit already sees them
    this.bus.subscribe((entry) => {
      if (!entry.key.startsWith(CRD_PREFIX)) return;
      if (entry.type === 'DELETED') this.types.removeCrd(entry.object.metadata.name!);
      else this.types.setCrd(entry.object as CustomResourceDefinition);
    });
    this.cleanup = new CleanupController({
      objects: this.storage,
      changes: this.bus,
      types: this.types,
      store: this.store,
    });
    this.bootstrap(options);
    this.cleanup.start();
  }

  /** Resolves a URL's group/version/resource (404 "the server could not find the requested resource"). */
  resolve(group: string, version: string, resource: string): ServedKind {
    const kind = this.types.served(group, version, resource);
    if (!kind) throw pathNotFound();
    return kind;
  }

  resolveGvr(gvr: GroupVersionResource): ServedKind {
    return this.resolve(gvr.group, gvr.version, gvr.resource);
  }

  private bootstrap(options: RegistryOptions): void {
    for (const name of new Set([...DEFAULT_NAMESPACES, ...(options.namespaces ?? [])])) {
      if (!this.store.find(namespaceKind.type, undefined, name)) {
        this.store.create(namespaceKind, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      }
    }
    const { namespace, name } = kubernetesService.metadata;
    const services = this.types.served('', 'v1', 'services');
    if (services && !this.store.find(services.type, namespace, name!)) {
      this.store.create(services, namespace, kubernetesService, { fieldManager: 'kube-apiserver', internal: true });
    }
    for (const crd of options.crds ?? []) this.installCrd(crd);
  }

  /** Creates the CRD if absent, updates it if its spec (or labels/annotations) changed. */
  installCrd(crd: KubeObject): void {
    const name = crd.metadata.name;
    if (!name) throw notFound(customResourceDefinitionKind.type, '');
    const current = this.store.find(customResourceDefinitionKind.type, undefined, name);
    if (!current) {
      this.store.create(customResourceDefinitionKind, undefined, crd, { fieldManager: 'ack-local' });
      return;
    }
    const desired = {
      ...structuredClone(crd),
      metadata: {
        ...current.metadata,
        labels: crd.metadata.labels ?? current.metadata.labels,
        annotations: crd.metadata.annotations ?? current.metadata.annotations,
      },
    };
    delete (desired.metadata as Record<string, unknown>).resourceVersion;
    this.store.update(customResourceDefinitionKind, undefined, name, desired, { fieldManager: 'ack-local' });
  }

  async close(): Promise<void> {
    this.cleanup.stop();
    await this.storage.close();
  }
}
