// The in-process controllers that finish deletions the registry only starts:
// - namespace controller: a Terminating namespace has all its content deleted (objects with finalizers are
//   waited for), then its "kubernetes" finalizer is removed and it disappears;
// - CRD finalizer controller: a deleted CRD has all its instances deleted, then the
//   customresourcecleanup finalizer is removed and the CRD (and its served types) go away.
// Reconciles run on the next tick after any change, plus a slow safety tick while work is pending.
import type { KubeObject } from '../api.js';
import { resourcePrefix, type HistoryEntry } from '../storage/object-store.js';
import {
  CRD_CLEANUP_FINALIZER,
  customResourceDefinitionKind,
  kindsOfCrd,
  type CustomResourceDefinition,
} from './kinds/custom-resource-definition.js';
import { NAMESPACE_FINALIZER, namespaceKind } from './kinds/namespace.js';
import type { ServedKind } from './kinds/served-kind.js';
import { rfc3339 } from './object-meta.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { EventBus } from '../watch/event-bus.js';
import type { GenericStore } from './generic-store.js';
import type { TypeRegistry } from './type-registry.js';

/** What the cleanup controllers use: stored objects to find terminating ones, the change stream to wake up,
 *  the served kinds to know what a namespace may hold, and the store to delete and finalize through. */
export interface CleanupCollaborators {
  objects: Pick<ObjectStore, 'range' | 'get'>;
  changes: Pick<EventBus, 'subscribe'>;
  types: Pick<TypeRegistry, 'kinds'>;
  store: Pick<GenericStore, 'deleteCollection' | 'list' | 'update'>;
}

const NAMESPACE_PREFIX = resourcePrefix('', 'namespaces');
const CRD_PREFIX = resourcePrefix('apiextensions.k8s.io', 'customresourcedefinitions');

export class CleanupController {
  private scheduled = false;
  /** Keys of namespaces and CRDs with a deletionTimestamp, kept from the change stream (no scans per write). */
  private readonly terminatingKeys = new Set<string>();
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: CleanupCollaborators) {}

  start(): void {
    for (const kind of [namespaceKind, customResourceDefinitionKind]) {
      const prefix = resourcePrefix(kind.type.group, kind.type.resource);
      for (const { key, object } of this.deps.objects.range(prefix))
        if (object.metadata.deletionTimestamp) this.terminatingKeys.add(key);
    }
    this.unsubscribe = this.deps.changes.subscribe((entry) => this.onChange(entry));
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
  }

  private onChange(entry: HistoryEntry): void {
    if (entry.key.startsWith(NAMESPACE_PREFIX) || entry.key.startsWith(CRD_PREFIX)) {
      if (entry.type !== 'DELETED' && entry.object.metadata.deletionTimestamp) this.terminatingKeys.add(entry.key);
      else this.terminatingKeys.delete(entry.key);
    }
    if (this.hasPendingWork()) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      this.reconcile();
    });
  }

  private terminating(kind: ServedKind): KubeObject[] {
    const prefix = resourcePrefix(kind.type.group, kind.type.resource);
    return [...this.terminatingKeys]
      .filter((k) => k.startsWith(prefix))
      .flatMap((k) => {
        const object = this.deps.objects.get(k);
        return object?.metadata.deletionTimestamp ? [object] : [];
      });
  }

  private hasPendingWork(): boolean {
    return this.terminatingKeys.size > 0;
  }

  private reconcile(): void {
    for (const ns of this.terminating(namespaceKind)) this.guard(() => this.finishNamespace(ns));
    for (const crd of this.terminating(customResourceDefinitionKind))
      this.guard(() => this.finishCrd(crd as CustomResourceDefinition));
    const pending = this.hasPendingWork();
    if (pending && !this.timer) this.timer = setInterval(() => this.schedule(), 1000).unref();
    if (!pending && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch {
      // a racing write (conflict, already gone) is retried on the next change or tick
    }
  }

  /** One kind per stored group/resource (versions share storage). */
  private namespacedKinds(): ServedKind[] {
    const seen = new Set<string>();
    return this.deps.types.kinds().filter((k) => {
      const id = `${k.type.group}/${k.type.resource}`;
      if (!k.type.namespaced || seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  private finishNamespace(ns: KubeObject): void {
    const name = ns.metadata.name!;
    const { store } = this.deps;
    const remaining: { resource: string; count: number; finalizers: string[] }[] = [];
    for (const kind of this.namespacedKinds()) {
      store.deleteCollection(kind, name, {});
      const left = store.list(kind, name).items;
      if (left.length) {
        const resource = kind.type.group ? `${kind.type.resource}.${kind.type.group}` : kind.type.resource;
        remaining.push({ resource, count: left.length, finalizers: left.flatMap((o) => o.metadata.finalizers ?? []) });
      }
    }
    if (remaining.length > 0) {
      this.reportRemaining(ns, remaining);
      return;
    }
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    const finalized = {
      ...ns,
      spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== NAMESPACE_FINALIZER) },
    };
    store.update(namespaceKind, undefined, name, finalized, { subresource: 'finalize' });
  }

  /** The conditions the real namespace controller sets while content remains (what `kubectl describe ns` shows). */
  private reportRemaining(
    ns: KubeObject,
    remaining: { resource: string; count: number; finalizers: string[] }[],
  ): void {
    const byFinalizer = new Map<string, number>();
    for (const r of remaining) for (const f of r.finalizers) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
    const now = rfc3339(new Date());
    const status = (ns.status ?? {}) as {
      phase?: string;
      conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    };
    const condition = (type: string, isTrue: boolean, reason: string, message: string) => {
      const previous = status.conditions?.find((c) => c.type === type);
      return {
        type,
        status: isTrue ? 'True' : 'False',
        lastTransitionTime:
          previous && previous.status === (isTrue ? 'True' : 'False') ? previous.lastTransitionTime : now,
        reason,
        message,
      };
    };
    const conditions = [
      condition(
        'NamespaceDeletionDiscoveryFailure',
        false,
        'ResourcesDiscovered',
        'All resources successfully discovered',
      ),
      condition(
        'NamespaceDeletionGroupVersionParsingFailure',
        false,
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
      ),
      condition(
        'NamespaceDeletionContentFailure',
        false,
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ),
      condition(
        'NamespaceContentRemaining',
        true,
        'SomeResourcesRemain',
        `Some resources are remaining: ${remaining.map((r) => `${r.resource} has ${r.count} resource instances`).join(', ')}`,
      ),
      condition(
        'NamespaceFinalizersRemaining',
        byFinalizer.size > 0,
        byFinalizer.size > 0 ? 'SomeFinalizersRemain' : 'ContentHasNoFinalizers',
        byFinalizer.size > 0
          ? `Some content in the namespace has finalizers remaining: ${[...byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`).join(', ')}`
          : 'All content-preserving finalizers finished',
      ),
    ];
    this.deps.store.update(
      namespaceKind,
      undefined,
      ns.metadata.name!,
      { ...ns, status: { ...status, phase: 'Terminating', conditions } },
      { subresource: 'status' },
    );
  }

  private finishCrd(crd: CustomResourceDefinition): void {
    if (!(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) return;
    const { store } = this.deps;
    const kind = kindsOfCrd(crd)[0];
    if (kind) {
      store.deleteCollection(kind, undefined, {});
      if (store.list(kind, undefined).items.length > 0) return;
    }
    const finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
    store.update(customResourceDefinitionKind, undefined, crd.metadata.name!, {
      ...crd,
      metadata: { ...crd.metadata, finalizers },
    });
  }
}
