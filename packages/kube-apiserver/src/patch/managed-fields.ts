// metadata.managedFields bookkeeping (server-side apply's field ownership), following structured-merge-diff:
// an Update gives its manager every field it added or changed and takes those from everybody else; removed
// fields leave every set. Apply entries are written by serverSideApply (apply.ts).
import type { KubeObject } from '../api.js';
import { FieldSet, type FieldPath } from './field-set.js';
import { compareObjects } from './field-paths.js';
import { SchemaNode } from './schema-node.js';
import type { ResourceType } from '../resource-type.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface Manager {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: FieldSet;
}

export const sameManager = (
  a: Pick<Manager, 'manager' | 'operation' | 'subresource'>,
  b: Pick<Manager, 'manager' | 'operation' | 'subresource'>,
) => a.manager === b.manager && a.operation === b.operation && (a.subresource ?? '') === (b.subresource ?? '');

export function decodeManagedFields(entries: unknown[] | undefined): Manager[] {
  return (entries ?? []).flatMap((raw) => {
    const e = raw as Partial<ManagedFieldsEntry>;
    if (!e || typeof e.manager !== 'string' || (e.operation !== 'Update' && e.operation !== 'Apply')) return [];
    const m: Manager = {
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion ?? '',
      fields: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}),
    };
    if (e.time) m.time = e.time;
    if (e.subresource) m.subresource = e.subresource;
    return [m];
  });
}

export function encodeManagedFields(managers: Manager[]): ManagedFieldsEntry[] {
  return managers
    .filter((m) => m.fields.size > 0)
    .map((m) => {
      const e: ManagedFieldsEntry = {
        manager: m.manager,
        operation: m.operation,
        apiVersion: m.apiVersion,
        time: m.time!,
        fieldsType: 'FieldsV1',
        fieldsV1: m.fields.toFieldsV1(),
      };
      if (!m.time) delete e.time;
      if (m.subresource) e.subresource = m.subresource;
      return e;
    });
}

const IGNORED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

/** Fields nobody owns: identity and system metadata; status through the main endpoint of a type with a status subresource, everything but status through /status. */
export function ownableFilter(opts: {
  subresource?: string;
  statusSubresource: boolean;
}): (path: FieldPath) => boolean {
  return (path) => {
    const [first, second] = path;
    if (first === 'f:apiVersion' || first === 'f:kind') return false;
    if (first === 'f:metadata') {
      if (path.length === 1) return false;
      if (second && IGNORED_METADATA.has(second.slice(2))) return false;
    }
    if (opts.subresource === 'status') return first === 'f:status';
    if (opts.statusSubresource && first === 'f:status') return false;
    return true;
  };
}

export const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Schema for field ownership: the type's when known; otherwise ObjectMeta semantics for metadata and defaults elsewhere. */
export function ownershipSchema(type: ResourceType | undefined): SchemaNode {
  if (type) return SchemaNode.forType(type);
  return new SchemaNode({
    type: 'object',
    properties: { metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' } },
  });
}

export interface UpdateManagedFieldsArgs {
  before: KubeObject | undefined;
  after: KubeObject;
  manager: string;
  operation: 'Update' | 'Apply';
  subresource?: string;
  now: Date;
  /** Optional: list/map semantics of the kind's schema (defaults: metadata per ObjectMeta, lists atomic). */
  type?: ResourceType;
}

export function updateManagedFields(args: UpdateManagedFieldsArgs): KubeObject {
  // Apply entries are computed by applyPatch, which has the applied configuration; nothing left to do.
  if (args.operation === 'Apply') return args.after;
  const { before, after, subresource } = args;
  const requested = after.metadata.managedFields;
  // An apply that creates the object reaches the registry's create path, which records an Update; the apply
  // already wrote this manager's Apply entry, and turning it into an Update would lose its ownership semantics.
  if (!before && decodeManagedFields(requested).some((m) => m.manager === args.manager && m.operation === 'Apply'))
    return after;
  // Like the real server: managedFields sent in the request replace the recorded ones (that is how kubectl
  // migrates client-side apply ownership); an empty or absent list keeps the live ones.
  const managers = decodeManagedFields(
    requested && requested.length > 0 && !subresource ? requested : before?.metadata.managedFields,
  );
  const schema = ownershipSchema(args.type);
  const keep = ownableFilter({ subresource, statusSubresource: args.type?.statusSubresource ?? false });
  const strip = (o: KubeObject | undefined) =>
    o ? { ...o, metadata: { ...o.metadata, managedFields: undefined } } : {};
  const cmp = compareObjects(strip(before), strip(after), schema);
  const changed = cmp.added.union(cmp.modified).filter(keep);
  const removed = cmp.removed;

  const me = { manager: args.manager, operation: 'Update' as const, subresource };
  let mine = managers.find((m) => sameManager(m, me));
  for (const m of managers) {
    if (m !== mine) m.fields = m.fields.difference(changed).difference(removed);
  }
  if (!mine && changed.size > 0) {
    mine = { ...me, apiVersion: after.apiVersion, fields: new FieldSet() };
    if (!subresource) delete mine.subresource;
    managers.push(mine);
  }
  if (mine) {
    mine.fields = mine.fields.union(changed).difference(removed);
    if (changed.size > 0) {
      mine.time = rfc3339(args.now);
      mine.apiVersion = after.apiVersion;
    }
  }
  const encoded = encodeManagedFields(managers);
  const metadata = { ...after.metadata };
  if (encoded.length > 0) metadata.managedFields = encoded;
  else delete metadata.managedFields;
  return { ...after, metadata };
}
