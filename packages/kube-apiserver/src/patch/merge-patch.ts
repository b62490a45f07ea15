// JSON merge patch, RFC 7386: objects merge recursively, null deletes, anything else replaces.
// Keys are user keys (labels, annotations, data): read and written as own keys only, `__proto__` included.
import { ownValue, setOwn } from '../own-keys.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatch(ownValue(result, key), value));
  }
  return result;
}
