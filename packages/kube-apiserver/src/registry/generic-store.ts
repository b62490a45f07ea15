// The generic registry: one store for every resource (the real apiserver's genericregistry.Store). Per-kind
// behaviour comes from the Strategy; everything here is shared: namespace checks, structural schema,
// metadata rules, optimistic concurrency, generation, status subresource, finalizers and graceful deletion,
// dry-run, fieldValidation, list paging with consistent snapshots. All operations are synchronous so a
// read-check-write can never interleave with another request.
import { randomUUID } from 'node:crypto';
import type { KubeObject, ObjectList, PatchType } from '../api.js';
import { apiVersionOf, type ResourceType } from '../resource-type.js';
import { applyStructuralSchema } from '../schema/structural.js';
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
import { pruneObjectMeta, randomSuffix, rfc3339, validateObjectMeta } from './object-meta.js';
import { patchModule, unsupportedPatch } from './patch-glue.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  expired,
  fieldForbidden,
  forbidden,
  invalid,
  notFound,
  type FieldError,
} from './status-errors.js';
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

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  /** With resourceVersionMatch=Exact: the list as of that resourceVersion (410 once out of the history window). */
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ParsedSelectors {
  labels: LabelSelector;
  fields: FieldSelector;
}

const NAMESPACES = { group: '', resource: 'namespaces' };
const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality where object key order does not matter (patch engines may reorder keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
  return keys.length === otherKeys.length && keys.every((k) => sameJson(a[k], b[k]));
}

/** Everything outside metadata (and status, with the subresource): what generation tracks. */
function specOf(object: KubeObject, statusSubresource: boolean): Record<string, unknown> {
  const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = object;
  return statusSubresource ? rest : { ...rest, status };
}

/** The object without what every write changes anyway (resourceVersion, managedFields timestamps). */
function withoutVolatile(object: KubeObject): Record<string, unknown> {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = object.metadata;
  return { ...object, metadata: meta };
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
    const prefix = this.prefix(kind.type, namespace);
    const exact =
      !query.continue && query.resourceVersionMatch === 'Exact' && query.resourceVersion
        ? exactRevision(query.resourceVersion)
        : undefined;
    const token = query.continue
      ? decodeContinue(query.continue)
      : exact !== undefined
        ? { rv: exact, start: '' }
        : undefined;
    const snapshotRv = token ? token.rv : this.storage.currentRevision();
    const limit = query.limit && query.limit > 0 ? query.limit : undefined;
    const candidates = token ? this.snapshotAfter(prefix, token.start, token.rv) : this.storage.range(prefix);
    const items: KubeObject[] = [];
    let lastKey: string | undefined;
    let more = false;
    for (const { key, object } of candidates) {
      if (!this.matches(kind, selectors, object)) continue;
      if (limit !== undefined && items.length >= limit) {
        more = true;
        break;
      }
      items.push(this.externalize(kind.type, object));
      lastKey = key;
    }
    const metadata: ObjectList['metadata'] = { resourceVersion: String(snapshotRv) };
    if (more && lastKey !== undefined) metadata.continue = encodeContinue(snapshotRv, lastKey);
    return { apiVersion: apiVersionOf(kind.type), kind: kind.type.listKind, metadata, items };
  }

  /**
   * The objects under prefix after `start` as they were at `rv`: the current state rolled back through the
   * history window (410 Expired once the window no longer reaches back to rv, like a compacted etcd).
   */
  private snapshotAfter(prefix: string, start: string, rv: number): { key: string; object: KubeObject }[] {
    if (rv < this.storage.historyFloor())
      throw expired(start ? CONTINUE_EXPIRED : `too old resource version: ${rv} (${this.storage.historyFloor()})`);
    const state = new Map<string, KubeObject | undefined>();
    for (const { key, object } of this.storage.range(prefix, start)) state.set(key, object);
    const later = this.storage.historySince(rv).filter((e) => e.key.startsWith(prefix) && e.key > start);
    for (const entry of later.reverse())
      state.set(entry.key, entry.type === 'ADDED' ? undefined : (entry.previous ?? entry.object));
    return [...state.entries()]
      .filter((e): e is [string, KubeObject] => e[1] !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, object]) => ({ key, object }));
  }

  // ---------------------------------------------------------------- writes

  create(
    kind: ServedKind,
    namespace: string | undefined,
    body: unknown,
    ctx: WriteContext = {},
    operation: 'Update' | 'Apply' = 'Update',
  ): WriteResult {
    const { type, strategy } = kind;
    const now = ctx.now ?? new Date();
    const object = this.decode(type, body);
    this.checkNamespace(type, namespace, object);
    const warnings: string[] = [];
    this.applySchema(kind, object, undefined, ctx, warnings);
    const m = object.metadata;
    if (!m.name && m.generateName) m.name = `${m.generateName}${randomSuffix()}`;
    this.admitNamespace(type, namespace, m.name ?? '');
    const sctx: StrategyContext = { now };
    if (type.statusSubresource && type.resource !== 'namespaces') delete object.status;
    m.uid = randomUUID();
    m.creationTimestamp = rfc3339(now);
    delete m.resourceVersion;
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
    if (strategy.tracksGeneration) m.generation = 1;
    else delete m.generation;
    strategy.prepareForCreate?.(object, sctx);
    this.validate(kind, object, [
      ...validateObjectMeta(object, strategy.nameRule),
      ...(strategy.validate?.(object, sctx) ?? []),
    ]);
    const key = this.key(type, namespace, m.name!);
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
    const object = this.decode(kind.type, body);
    if (object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${name})`,
      );
    }
    this.checkNamespace(kind.type, namespace, object);
    const current = this.storage.get(this.key(kind.type, namespace, name));
    if (!current) throw notFound(kind.type, name);
    const warnings: string[] = [];
    this.applySchema(kind, object, current, ctx, warnings);
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
    const patched = patchModule().applyPatch({
      type,
      current,
      patchType,
      patch,
      ...(ctx.fieldManager ? { fieldManager: ctx.fieldManager } : {}),
      ...(ctx.force !== undefined ? { force: ctx.force } : {}),
      ...(ctx.subresource === 'status' ? { subresource: 'status' as const } : {}),
    });
    const object = this.decode(type, patched);
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
    this.checkNamespace(type, namespace, object);
    const warnings: string[] = [];
    this.applySchema(kind, object, stored, ctx, warnings);
    return this.updateFrom(kind, namespace, stored, object, ctx, operation, warnings);
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
    let next: KubeObject;
    if (ctx.subresource === 'finalize') {
      // /finalize: the stored namespace with only spec.finalizers taken from the request
      next = structuredClone(current);
      const requested = (object.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
      next.spec = { ...((next.spec as object | undefined) ?? {}), finalizers: requested };
    } else if (ctx.subresource === 'status') {
      // /status: the stored object with only .status (and managedFields) taken from the request
      next = structuredClone(current);
      if (object.status === undefined) delete next.status;
      else next.status = object.status;
      if (object.metadata.managedFields) next.metadata.managedFields = object.metadata.managedFields;
    } else {
      next = object;
      if (type.statusSubresource) {
        if (current.status === undefined) delete next.status;
        else next.status = structuredClone(current.status);
      }
      const m = next.metadata;
      const c = current.metadata;
      m.uid = c.uid;
      m.creationTimestamp = c.creationTimestamp;
      if (c.deletionTimestamp) {
        m.deletionTimestamp = c.deletionTimestamp;
        m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds ?? 0;
      } else {
        delete m.deletionTimestamp;
        delete m.deletionGracePeriodSeconds;
      }
      delete m.generateName;
      if (c.generateName) m.generateName = c.generateName;
      if (type.namespaced) m.namespace = c.namespace;
    }
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
    this.validate(kind, next, errors);
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
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw conflict(
        type,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        type,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
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
    return patchModule().updateManagedFields({
      before,
      after: object,
      manager: ctx.fieldManager,
      operation,
      now,
      ...(ctx.subresource ? { subresource: ctx.subresource } : {}),
    });
  }

  /** A request body as an object of this type (apiVersion/kind defaulted, metadata present). */
  private decode(type: ResourceType, body: unknown): KubeObject {
    if (!isObject(body))
      throw badRequest(
        `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: the body must be a JSON object`,
      );
    const object = structuredClone(body) as KubeObject;
    const apiVersion = apiVersionOf(type);
    if (
      object.apiVersion !== undefined &&
      object.apiVersion !== apiVersion &&
      !this.isServedVersion(type, object.apiVersion)
    ) {
      throw badRequest(
        `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw badRequest(
        `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: the object provided is unrecognized (kind ${String(object.kind)})`,
      );
    }
    if (object.metadata !== undefined && !isObject(object.metadata)) {
      throw badRequest(
        `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: metadata must be an object`,
      );
    }
    object.apiVersion = apiVersion;
    object.kind = type.kind;
    object.metadata ??= {};
    checkMetadataTypes(type, object.metadata as Record<string, unknown>);
    this.types.versionsOf(type.group, type.resource)[0]?.strategy.checkDecoding?.(object);
    return object;
  }

  private isServedVersion(type: ResourceType, apiVersion: unknown): boolean {
    return this.types.versionsOf(type.group, type.resource).some((k) => apiVersionOf(k.type) === apiVersion);
  }

  private checkNamespace(type: ResourceType, namespace: string | undefined, object: KubeObject): void {
    if (!type.namespaced) {
      delete object.metadata.namespace;
      return;
    }
    if (object.metadata.namespace && object.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    object.metadata.namespace = namespace;
  }

  /** The namespace lifecycle admission: the namespace must exist and not be terminating. */
  private admitNamespace(type: ResourceType, namespace: string | undefined, name: string): void {
    if (!type.namespaced) return;
    const ns = this.storage.get(objectKey('', 'namespaces', undefined, namespace ?? ''));
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

  private applySchema(
    kind: ServedKind,
    object: KubeObject,
    old: KubeObject | undefined,
    ctx: WriteContext,
    warnings: string[],
  ): void {
    const unknown = pruneObjectMeta(object);
    const schema = kind.type.schema;
    const result = schema
      ? applyStructuralSchema(schema, object as Record<string, unknown>, old as Record<string, unknown> | undefined)
      : { unknownFields: [], errors: [] };
    unknown.push(...result.unknownFields);
    const validation = ctx.fieldValidation ?? 'Ignore';
    if (unknown.length && validation === 'Strict') {
      const { kind: k, version } = kind.type;
      throw badRequest(
        `${k} in version "${version}" cannot be handled as a ${k}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
      );
    }
    if (validation === 'Warn') warnings.push(...unknown.map((f) => `unknown field "${f}"`));
    if (result.errors.length && ctx.subresource !== 'status') this.validate(kind, object, result.errors);
    else if (result.errors.length)
      this.validate(
        kind,
        object,
        result.errors.filter((e) => e.field.startsWith('status')),
      );
  }

  private validate(kind: ServedKind, object: KubeObject, errors: FieldError[]): void {
    if (errors.length)
      throw invalid(
        kind.type.kind,
        kind.type.group,
        object.metadata.name ?? object.metadata.generateName ?? '',
        errors,
      );
  }

  /** The object as served at this type's version. */
  private externalize(type: ResourceType, object: KubeObject): KubeObject {
    // stored objects already lead with apiVersion/kind; only the served version may differ
    const { apiVersion: _stored, kind: _kind, ...rest } = object;
    return { apiVersion: apiVersionOf(type), kind: type.kind, ...rest } as KubeObject;
  }

  private key(type: ResourceType, namespace: string | undefined, name: string): string {
    return objectKey(type.group, type.resource, type.namespaced ? namespace : undefined, name);
  }

  private prefix(type: ResourceType, namespace: string | undefined): string {
    return type.namespaced && namespace
      ? namespacePrefix(type.group, type.resource, namespace)
      : resourcePrefix(type.group, type.resource);
  }
}

/** managedFields equal but for timestamps (the real server drops timestamp-only managedFields changes). */
function sameManagedFields(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) =>
    ((o.metadata.managedFields ?? []) as Record<string, unknown>[]).map(({ time: _t, ...entry }) => entry);
  return sameJson(strip(a), strip(b));
}

const META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** Fields in the order the real server serialises them (apiVersion, kind, metadata, spec…, status last). */
function canonicalOrder(object: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, status, ...rest } = object;
  const meta: Record<string, unknown> = {};
  for (const key of META_ORDER)
    if ((metadata as Record<string, unknown>)[key] !== undefined)
      meta[key] = (metadata as Record<string, unknown>)[key];
  const ordered: KubeObject = { apiVersion, kind, metadata: meta, ...rest };
  if (status !== undefined) ordered.status = status;
  return ordered;
}

const META_TYPES: Record<string, 'string' | 'number' | 'map' | 'strings' | 'list'> = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  uid: 'string',
  resourceVersion: 'string',
  selfLink: 'string',
  creationTimestamp: 'string',
  deletionTimestamp: 'string',
  generation: 'number',
  deletionGracePeriodSeconds: 'number',
  labels: 'map',
  annotations: 'map',
  finalizers: 'strings',
  ownerReferences: 'list',
  managedFields: 'list',
};

const GO_TYPES = {
  string: 'string',
  number: 'int64',
  map: 'map[string]string',
  strings: '[]string',
  list: '[]',
} as const;

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}

/** Wrongly typed ObjectMeta fields are decoding errors (400), as Go's JSON decoder reports them. */
function checkMetadataTypes(type: ResourceType, metadata: Record<string, unknown>): void {
  for (const [field, expected] of Object.entries(META_TYPES)) {
    const value = metadata[field];
    if (value === undefined || value === null) continue;
    const ok =
      expected === 'string'
        ? typeof value === 'string'
        : expected === 'number'
          ? typeof value === 'number'
          : expected === 'map'
            ? isObject(value) && Object.values(value).every((v) => typeof v === 'string')
            : expected === 'strings'
              ? Array.isArray(value) && value.every((v) => typeof v === 'string')
              : Array.isArray(value);
    if (!ok) {
      throw badRequest(
        `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: json: cannot unmarshal ${jsonType(value)} into Go struct field ObjectMeta.metadata.${field} of type ${GO_TYPES[expected]}`,
      );
    }
  }
}

interface ContinueToken {
  rv: number;
  start: string;
}

function exactRevision(rv: string): number {
  const n = Number(rv);
  if (!Number.isSafeInteger(n) || n <= 0) throw badRequest(`invalid resource version: ${rv}`);
  return n;
}

function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      v?: string;
      rv?: number;
      start?: string;
    };
    if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string')
      throw new Error('bad');
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}
