// Server-side apply (application/apply-patch+yaml): merge the applied configuration into the live object,
// detect conflicts with other managers' fields, drop fields this manager applied before and no longer does
// (unless someone else owns them), and record the manager's Apply entry in managedFields.
import type { KubeObject } from '../api.js';
import { failure, StatusError } from '../errors.js';
import { ownValue, setOwn } from '../own-keys.js';
import type { ResourceType } from '../resource-type.js';
import { goJson } from './go-json.js';
import { type FieldPath, FieldSet, pathString } from './field-set.js';
import { appliedFieldSet, deepEqual, keyElement, removePaths, valueAt } from './field-paths.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  type Manager,
  ownableFilter,
  rfc3339,
  sameManager,
} from './managed-fields.js';
import { SchemaNode } from './schema-node.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyArgs {
  type: ResourceType;
  current: KubeObject | undefined;
  applied: KubeObject;
  fieldManager?: string;
  force?: boolean;
  subresource?: 'status';
  now: Date;
}

export function serverSideApply(args: ApplyArgs): KubeObject {
  const { type, current, fieldManager, subresource } = args;
  if (!fieldManager)
    throw failure(400, 'BadRequest', 'PATCH requests with apply patch type must have fieldManager set');
  const applied = withoutManagedFields(args.applied);
  const schema = SchemaNode.forType(type);
  const keep = ownableFilter({ subresource, statusSubresource: type.statusSubresource });
  const appliedSet = appliedFieldSet(applied, schema).filter(keep);

  const managers = decodeManagedFields(current?.metadata.managedFields);
  const me = { manager: fieldManager, operation: 'Apply' as const, subresource };
  const mine = managers.find((m) => sameManager(m, me));
  const others = managers.filter((m) => m !== mine);

  const conflicts = findConflicts(current, applied, appliedSet, others);
  if (conflicts.length > 0) {
    if (!args.force) throw conflictError(conflicts);
    for (const c of conflicts) c.owner.fields = c.owner.fields.difference(FieldSet.of([c.path]));
  }

  let result = mergeApplied(current ? withoutManagedFields(current) : {}, applied, schema) as KubeObject;
  const ownedByOthers = others.reduce((acc, m) => acc.union(m.fields), new FieldSet());
  // A node stays while anything at or below it is still owned (structured-merge-diff adds such items back
  // after pruning): a migrated client-side-apply set may own `spec` itself, which no apply set ever lists.
  const stillOwned = ancestorsAndSelf(appliedSet.union(ownedByOthers));
  const dropped = (mine?.fields ?? new FieldSet())
    .difference(appliedSet)
    .filter((p) => !stillOwned.has(JSON.stringify(p)));
  if (dropped.size > 0) result = removePaths(result, dropped.members()) as KubeObject;

  if (fieldManager === 'kubectl' && current?.metadata.annotations?.[LAST_APPLIED]) refreshLastApplied(result, applied);

  const entry: Manager = mine ?? { ...me, apiVersion: applied.apiVersion, fields: new FieldSet() };
  if (!subresource) delete entry.subresource;
  // A no-op apply changes nothing, not even its timestamp (the real server skips such writes entirely).
  const unchanged =
    mine !== undefined &&
    current !== undefined &&
    conflicts.length === 0 &&
    sameSet(mine.fields, appliedSet) &&
    deepEqual(withoutManagedFields(current), withoutManagedFields(result));
  entry.fields = appliedSet;
  if (!unchanged) entry.time = rfc3339(args.now);
  entry.apiVersion = applied.apiVersion;
  const updated = mine ? managers : [...managers, entry];

  const encoded = encodeManagedFields(updated);
  result.metadata = { ...result.metadata };
  if (encoded.length > 0) result.metadata.managedFields = encoded;
  else delete result.metadata.managedFields;
  return result;
}

function withoutManagedFields(o: KubeObject): KubeObject {
  const metadata = { ...(o.metadata ?? {}) };
  delete metadata.managedFields;
  return { ...o, metadata };
}

function ancestorsAndSelf(set: FieldSet): Set<string> {
  const out = new Set<string>();
  // longest prefix first: once a prefix is known, so are all of its own prefixes (keeps deep objects linear)
  for (const path of set.members()) {
    for (let i = path.length; i >= 1; i--) {
      const key = JSON.stringify(path.slice(0, i));
      if (out.has(key)) break;
      out.add(key);
    }
  }
  return out;
}

const sameSet = (a: FieldSet, b: FieldSet) => a.size === b.size && a.difference(b).size === 0;

interface Conflict {
  owner: Manager;
  path: FieldPath;
}

function findConflicts(
  current: KubeObject | undefined,
  applied: KubeObject,
  appliedSet: FieldSet,
  others: Manager[],
): Conflict[] {
  if (!current) return [];
  const conflicts: Conflict[] = [];
  for (const owner of others) {
    for (const path of owner.fields.intersection(appliedSet).members()) {
      // List items and set members are identified by their key/value: owning the same one is sharing it.
      const last = path[path.length - 1]!;
      if (last.startsWith('k:') || last.startsWith('v:')) continue;
      if (!deepEqual(valueAt(current, path), valueAt(applied, path))) conflicts.push({ owner, path });
    }
  }
  return conflicts;
}

/** How the real server names a manager in conflict messages (time and, for appliers, apiVersion left out). */
function describeManager(m: Manager): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

function conflictError(conflicts: Conflict[]): StatusError {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${describeManager(c.owner)}`,
    field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0]!.owner)}: ${pathString(conflicts[0]!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const key = describeManager(c.owner);
      byManager.set(key, [...(byManager.get(key) ?? []), pathString(c.path)]);
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  const err = failure(409, 'Conflict', message);
  err.status.details = { causes };
  return err;
}

/** Merges an applied configuration into a live value, per the schema's map/list semantics. */
export function mergeApplied(live: unknown, applied: unknown, schema: SchemaNode): unknown {
  if (isObject(live) && isObject(applied) && !schema.atomicMap()) {
    const out: Obj = { ...live };
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) delete out[k];
      else setOwn(out, k, mergeApplied(ownValue(live, k), v, schema.field(k)));
    }
    return out;
  }
  if (Array.isArray(live) && Array.isArray(applied)) {
    const type = schema.listType();
    // membership through Sets and Maps of encoded values: lists of thousands of items stay linear
    if (type === 'set') {
      const present = new Set(live.map((l) => goJson(l)));
      return [...live, ...applied.filter((a) => !present.has(goJson(a)))];
    }
    if (type === 'map') {
      const keys = schema.listKeys();
      const out = [...live];
      const positions = new Map<string, number>();
      out.forEach((l, i) => {
        const key = keyElement(l, keys);
        if (!positions.has(key)) positions.set(key, i);
      });
      for (const item of applied) {
        const key = keyElement(item, keys);
        const at = positions.get(key);
        if (at !== undefined) out[at] = mergeApplied(out[at], item, schema.item());
        else {
          positions.set(key, out.length);
          out.push(structuredClone(item));
        }
      }
      return out;
    }
  }
  return structuredClone(applied);
}

/** kubectl's annotation, as the real server rewrites it for `kubectl apply --server-side`: the applied object without the annotation. */
function refreshLastApplied(result: KubeObject, applied: KubeObject): void {
  const copy = structuredClone(applied);
  const annotations = { ...(copy.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length > 0) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  result.metadata.annotations = { ...(result.metadata.annotations ?? {}), [LAST_APPLIED]: `${goJson(copy)}\n` };
}
