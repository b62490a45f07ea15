// RFC 7386 merge patch from `before` to `after`: nulls for removed keys, recursion into objects, arrays replaced.
// Returns undefined when nothing changed, so callers can skip no-op writes (and the watch events they cause).
type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function createMergePatch(before: Json, after: Json): Json | undefined {
  if (!isObject(before) || !isObject(after)) return deepEqual(before, after) ? undefined : (after ?? null);
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(before)) if (!(key in after) || after[key] === undefined) patch[key] = null;
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (!(key in before)) {
      patch[key] = value;
      continue;
    }
    const sub = createMergePatch(before[key], value);
    if (sub !== undefined) patch[key] = sub;
  }
  return Object.keys(patch).length ? patch : undefined;
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Drops undefined members recursively (JSON semantics) so stored objects compare equal to computed ones. */
export const pruneUndefined = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
