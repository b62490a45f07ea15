// The generic registry: one store for every resource (the real apiserver's genericregistry.Store). Per-kind
// behaviour comes from the Strategy; everything here is shared: namespace checks, structural schema,
// metadata rules, optimistic concurrency, generation, status subresource, finalizers and graceful deletion,
// dry-run, fieldValidation; list paging lives in list-paging.ts. All operations are synchronous so a
// read-check-write can never interleave with another request.
import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectList, PatchType } from '../api.js';
import { applyPatch, updateManagedFields } from '../patch/index.js';
import { apiVersionOf, storageOf, type ResourceType } from '../resource-type.js';
import {
  checkFieldSelector,
  matchesFields,
  parseFieldSelector,
  type FieldSelector,
} from '../selectors/field-selector.js';
import { matchesLabels, parseLabelSelector, type LabelSelector } from '../selectors/label-selector.js';
import {
  namespacePrefix,
  objectKey,
  resourcePrefix,
  type ChangeType,
  type HistoryEntry,
  type ObjectStore,
} from '../storage/object-store.js';
import type { EventBus } from '../watch/event-bus.js';
import type { ServedKind } from './kinds/served-kind.js';
import { randomSuffix, rfc3339, validateObjectMeta } from './object-meta.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  unsupportedPatch,
  fieldForbidden,
  notFound,
  resourceVersionSetOnCreate,
} from '../errors.js';
import { decodeObject } from './decode-object.js';
import { admitToNamespace, bindNamespace } from './namespace-admission.js';
import { checkPreconditions, mergeUpdate } from './update-merge.js';
import { readPage, type PageQuery } from './list-paging.js';
import { canonicalOrder, sameJson, sameManagedFields, specOf, withoutVolatile } from './stored-form.js';
import { applySchema, throwIfInvalid } from './schema-admission.js';
import type { Strategy, StrategyContext } from './strategy.js';
import type { TypeRegistry } from './type-registry.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteContext {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  /** 'finalize' exists for namespaces only (spec.finalizers). */
  subresource?: 'status' | 'finalize';
  force?: boolean;
  /** Clock override (tests). */
  now?: Date;
  /** Written by the server itself (bootstrap objects such as the `kubernetes` Service): admission refusals skip it. */
  internal?: boolean;
}

export interface WriteResult {
  object: KubeObject;
  /** Warning header values (fieldValidation=Warn, ignored validation rules). */
  warnings: string[];
  /** 201 rather than 200 (create, apply-patch creating). */
  created: boolean;
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
  now?: Date;
}

export interface DeleteResult {
  object: KubeObject;
  /** Gone from storage (false: deletion pending on finalizers). */
  deleted: boolean;
}

/** Selectors plus paging (see list-paging.ts for limit, continue and resourceVersionMatch=Exact). */
export interface ListQuery extends PageQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ParsedSelectors {
  labels: LabelSelector;
  fields: FieldSelector;
}

export class GenericStore {
  constructor(
    private readonly storage: ObjectStore,
    private readonly types: TypeRegistry,
    private readonly bus: EventBus,
  ) {}

  // ---------------------------------------------------------------- reads

  get(kind: ServedKind, namespace: string | undefined, name: string): KubeObject {
    const object = this.storage.get(this.key(kind.type, namespace, name));
    if (!object) throw notFound(kind.type, name);
    return this.externalize(kind.type, object);
  }

  /** Raw stored object or undefined (for controllers). */
  find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const object = this.storage.get(this.key(type, namespace, name));
    return object ? this.externalize(type, object) : undefined;
  }

  parseSelectors(kind: ServedKind, query: Pick<ListQuery, 'labelSelector' | 'fieldSelector'>): ParsedSelectors {
    const fields = parseFieldSelector(query.fieldSelector);
    checkFieldSelector(fields, ['metadata.name', 'metadata.namespace', ...kind.strategy.fieldLabels], kind.type.kind);
    return { labels: parseLabelSelector(query.labelSelector), fields };
  }

  matches(kind: ServedKind, selectors: ParsedSelectors, object: KubeObject): boolean {
    if (!matchesLabels(selectors.labels, object.metadata.labels)) return false;
    if (selectors.fields.length === 0) return true;
    return matchesFields(selectors.fields, this.fieldsOf(kind.strategy, object));
  }

  private fieldsOf(strategy: Strategy, object: KubeObject): Record<string, string> {
    return {
      'metadata.name': object.metadata.name ?? '',
      'metadata.namespace': object.metadata.namespace ?? '',
      ...(strategy.fields?.(object) ?? {}),
    };
  }

  list(kind: ServedKind, namespace: string | undefined, query: ListQuery = {}): ObjectList {
    const selectors = this.parseSelectors(kind, query);
    const page = readPage(this.storage, this.prefix(kind.type, namespace), query, (object) =>
      this.matches(kind, selectors, object),
    );
    const metadata: ObjectList['metadata'] = { resourceVersion: String(page.resourceVersion) };
    if (page.continue !== undefined) metadata.continue = page.continue;
    const items = page.entries.map(({ object }) => this.externalize(kind.type, object));
    return { apiVersion: apiVersionOf(kind.type), kind: kind.type.listKind, metadata, items };
  }

  // ---------------------------------------------------------------- writes

  create(
    kind: ServedKind,
    namespace: string | undefined,
    body: unknown,
    ctx: WriteContext = {},
    operation: 'Update' | 'Apply' = 'Update',
  ): WriteResult {
    if (kind.type.storedAs)
      return this.viaStorage(kind, body, ctx, (storage, stored) =>
        this.create(storage, namespace, stored, ctx, operation),
      );
    const { type, strategy } = kind;
    const now = ctx.now ?? new Date();
    const object = this.decodeBody(type, body);
    bindNamespace(type, namespace, object);
    const warnings: string[] = [];
    applySchema(kind, object, undefined, ctx, warnings);
    const m = object.metadata;
    if (!m.name && m.generateName) m.name = `${m.generateName}${randomSuffix()}`;
    admitToNamespace(this.storage, type, namespace, m.name ?? '');
    if (!ctx.internal) strategy.admitCreate?.(object);
    const sctx: StrategyContext = { now };
    const requestedRv = m.resourceVersion;
    if (type.statusSubresource && type.resource !== 'namespaces') delete object.status;
    m.uid = randomUUID();
    m.creationTimestamp = rfc3339(now);
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    if (strategy.tracksGeneration) m.generation = 1;
    else delete m.generation;
    strategy.prepareForCreate?.(object, sctx);
    throwIfInvalid(kind, object, [
      ...validateObjectMeta(object, strategy.nameRule),
      ...(strategy.validate?.(object, sctx) ?? []),
    ]);
    const key = this.key(type, namespace, m.name!);
    // etcd's Create refuses a numeric, non-zero resourceVersion before it looks for the key; dry-run skips storage
    if (!ctx.dryRun && /^[1-9]\d*$/.test(String(requestedRv ?? ''))) throw resourceVersionSetOnCreate();
    if (this.storage.get(key)) throw alreadyExists(type, m.name!);
    warnings.push(...(strategy.warnings?.(object) ?? []));
    const final = this.withManagedFields(object, undefined, ctx, operation, now);
    if (ctx.dryRun) return { object: this.externalize(type, canonicalOrder(final)), warnings, created: true };
    const entry = this.commit('ADDED', key, undefined, final);
    return { object: this.externalize(type, entry.object), warnings, created: true };
  }

  update(
    kind: ServedKind,
    namespace: string | undefined,
    name: string,
    body: unknown,
    ctx: WriteContext = {},
  ): WriteResult {
    if (kind.type.storedAs)
      return this.viaStorage(kind, body, ctx, (storage, stored) => this.update(storage, namespace, name, stored, ctx));
    const object = this.decodeBody(kind.type, body);
    if (object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${name})`,
      );
    }
    bindNamespace(kind.type, namespace, object);
    const current = this.storage.get(this.key(kind.type, namespace, name));
    if (!current) throw notFound(kind.type, name);
    const warnings: string[] = [];
    applySchema(kind, object, current, ctx, warnings);
    return this.updateFrom(kind, namespace, current, object, ctx, 'Update', warnings);
  }

  patch(
    kind: ServedKind,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    ctx: WriteContext = {},
  ): WriteResult {
    const { type } = kind;
    if (patchType === 'strategic' && !type.builtin) throw unsupportedPatch();
    const stored = this.storage.get(this.key(type, namespace, name));
    if (!stored && patchType !== 'apply') throw notFound(type, name);
    const current = stored ? this.externalize(type, stored) : undefined;
    if (type.storedAs) {
      // patch the object in its served shape, then write it through the storage kind
      const served = applyPatch({
        type,
        current,
        patchType,
        patch,
        ...(ctx.fieldManager ? { fieldManager: ctx.fieldManager } : {}),
      });
      return current
        ? this.update(kind, namespace, name, served, ctx)
        : this.create(kind, namespace, served, ctx, 'Apply');
    }
    const patched = applyPatch({
      type,
      current,
      patchType,
      patch,
      ...(ctx.fieldManager ? { fieldManager: ctx.fieldManager } : {}),
      ...(ctx.force !== undefined ? { force: ctx.force } : {}),
      ...(ctx.subresource === 'status' ? { subresource: 'status' as const } : {}),
    });
    const object = this.decodeBody(type, patched);
    if (!object.metadata.name) object.metadata.name = name;
    if (object.metadata.name !== name) {
      throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`);
    }
    const operation = patchType === 'apply' ? 'Apply' : 'Update';
    if (!stored) {
      if (type.namespaced && !object.metadata.namespace) object.metadata.namespace = namespace;
      // apply-patch on an absent object creates it (managedFields come from the apply itself)
      return this.create(kind, namespace, object, { ...ctx, fieldManager: ctx.fieldManager ?? 'unknown' }, operation);
    }
    bindNamespace(type, namespace, object);
    const warnings: string[] = [];
    applySchema(kind, object, stored, ctx, warnings);
    return this.updateFrom(kind, namespace, stored, object, ctx, operation, warnings);
  }

  /**
   * A write to a type stored as another resource (events.k8s.io Events are core Events): the body is decoded and
   * schema-checked in its own shape, written converted through the storage kind, and answered converted back.
   */
  private viaStorage(
    kind: ServedKind,
    body: unknown,
    ctx: WriteContext,
    write: (storage: ServedKind, stored: KubeObject) => WriteResult,
  ): WriteResult {
    const storedAs = kind.type.storedAs!;
    const storage = this.types.versionsOf(storedAs.group, storedAs.resource)[0]!;
    const object = this.decodeBody(kind.type, body);
    const warnings: string[] = [];
    applySchema(kind, object, undefined, ctx, warnings);
    const result = write(storage, storedAs.toStored(object));
    return { ...result, warnings: [...warnings, ...result.warnings], object: storedAs.fromStored(result.object) };
  }

  /** The shared tail of update and patch: concurrency, status rules, generation, finalizers, commit. */
  private updateFrom(
    kind: ServedKind,
    namespace: string | undefined,
    current: KubeObject,
    object: KubeObject,
    ctx: WriteContext,
    operation: 'Update' | 'Apply',
    warnings: string[],
  ): WriteResult {
    const { type, strategy } = kind;
    const now = ctx.now ?? new Date();
    const name = current.metadata.name!;
    const requestedRv = object.metadata.resourceVersion;
    if (requestedRv && requestedRv !== current.metadata.resourceVersion) throw conflict(type, name);
    const sctx: StrategyContext = { now, ...(ctx.subresource ? { subresource: ctx.subresource } : {}) };
    const next = mergeUpdate(type, current, object, ctx.subresource);
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    strategy.prepareForUpdate?.(next, current, sctx);
    if (strategy.tracksGeneration) {
      const previousGeneration = current.metadata.generation ?? 1;
      next.metadata.generation = sameJson(specOf(next, type.statusSubresource), specOf(current, type.statusSubresource))
        ? previousGeneration
        : previousGeneration + 1;
    }
    const errors = [
      ...validateObjectMeta(next, strategy.nameRule),
      ...(strategy.validate?.(next, sctx) ?? []),
      ...(strategy.validateUpdate?.(next, current, sctx) ?? []),
    ];
    if (current.metadata.deletionTimestamp) {
      const added = (next.metadata.finalizers ?? []).filter((f) => !(current.metadata.finalizers ?? []).includes(f));
      if (added.length) {
        errors.push(
          fieldForbidden(
            'metadata.finalizers',
            `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`,
          ),
        );
      }
    }
    throwIfInvalid(kind, next, errors);
    if (ctx.subresource !== 'status') warnings.push(...(strategy.warnings?.(next) ?? []));
    const final = this.withManagedFields(next, current, ctx, operation, now);
    const key = this.key(type, namespace, name);
    const finished = Boolean(final.metadata.deletionTimestamp) && this.finalizersOf(strategy, final).length === 0;
    if (!finished && sameJson(withoutVolatile(final), withoutVolatile(current)) && sameManagedFields(final, current)) {
      return { object: this.externalize(type, current), warnings, created: false };
    }
    if (ctx.dryRun) return { object: this.externalize(type, canonicalOrder(final)), warnings, created: false };
    const entry = this.commit(finished ? 'DELETED' : 'MODIFIED', key, current, final);
    return { object: this.externalize(type, entry.object), warnings, created: false };
  }

  delete(kind: ServedKind, namespace: string | undefined, name: string, options: DeleteOptions = {}): DeleteResult {
    const { type, strategy } = kind;
    const now = options.now ?? new Date();
    const key = this.key(type, namespace, name);
    const current = this.storage.get(key);
    if (!current) throw notFound(type, name);
    checkPreconditions(type, name, current, options.preconditions);
    if (current.metadata.deletionTimestamp) return { object: this.externalize(type, current), deleted: false };
    const next = structuredClone(current);
    strategy.beforeDelete?.(next, { now });
    if (this.finalizersOf(strategy, next).length > 0) {
      next.metadata.deletionTimestamp = rfc3339(now);
      next.metadata.deletionGracePeriodSeconds = 0;
      if (strategy.tracksGeneration) next.metadata.generation = (next.metadata.generation ?? 0) + 1;
      if (options.dryRun) return { object: this.externalize(type, next), deleted: false };
      const entry = this.commit('MODIFIED', key, current, next);
      return { object: this.externalize(type, entry.object), deleted: false };
    }
    if (options.dryRun) return { object: this.externalize(type, current), deleted: true };
    const entry = this.commit('DELETED', key, current, current);
    return { object: this.externalize(type, entry.object), deleted: true };
  }

  deleteCollection(
    kind: ServedKind,
    namespace: string | undefined,
    query: ListQuery,
    options: DeleteOptions = {},
  ): ObjectList {
    const listed = this.list(kind, namespace, { ...query, limit: 0 });
    const items: KubeObject[] = [];
    for (const item of listed.items) {
      try {
        items.push(this.delete(kind, item.metadata.namespace, item.metadata.name!, options).object);
      } catch {
        // already gone: deletecollection is best-effort per item, like the real server
      }
    }
    return { ...listed, metadata: { resourceVersion: String(this.storage.currentRevision()) }, items };
  }

  // ---------------------------------------------------------------- helpers

  finalizersOf(strategy: Strategy, object: KubeObject): string[] {
    return [...(object.metadata.finalizers ?? []), ...(strategy.pendingFinalizers?.(object) ?? [])];
  }

  private commit(type: ChangeType, key: string, previous: KubeObject | undefined, object: KubeObject): HistoryEntry {
    const entry = this.storage.commit(type, key, previous, (rv) => {
      const stored = structuredClone(object);
      stored.metadata.resourceVersion = rv;
      return canonicalOrder(stored);
    });
    this.bus.publish(entry);
    return entry;
  }

  private withManagedFields(
    object: KubeObject,
    before: KubeObject | undefined,
    ctx: WriteContext,
    operation: 'Update' | 'Apply',
    now: Date,
  ): KubeObject {
    if (!ctx.fieldManager) return object;
    return updateManagedFields({
      before,
      after: object,
      manager: ctx.fieldManager,
      operation,
      now,
      ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
    });
  }

  private decodeBody(type: ResourceType, body: unknown): KubeObject {
    return decodeObject(type, body, this.types.versionsOf(type.group, type.resource));
  }

  /** The object as served at this type's version. */
  private externalize(type: ResourceType, object: KubeObject): KubeObject {
    // stored objects already lead with apiVersion/kind; only the served version may differ
    if (type.storedAs) return type.storedAs.fromStored(object);
    const { apiVersion: _stored, kind: _kind, ...rest } = object;
    return { apiVersion: apiVersionOf(type), kind: type.kind, ...rest } as KubeObject;
  }

  private key(type: ResourceType, namespace: string | undefined, name: string): string {
    const { group, resource } = storageOf(type);
    return objectKey(group, resource, type.namespaced ? namespace : undefined, name);
  }

  private prefix(type: ResourceType, namespace: string | undefined): string {
    const { group, resource } = storageOf(type);
    return type.namespaced && namespace ? namespacePrefix(group, resource, namespace) : resourcePrefix(group, resource);
  }
}
