// LMDB stores values with msgpackr, which reads a key named `__proto__` back as `__proto_` (its guard against
// prototype pollution). For Kubernetes `__proto__` is an ordinary key (a valid ConfigMap/Secret data key, any
// key under a custom resource's spec), so objects holding one are stored with the keys of that family
// renamed out of the way and a marker saying so. Family: "__proto" + n underscores (n >= 1); stored as n + 2
// underscores, so neither `__proto_` nor `__proto__` is ever stored for such an object and each stored key
// reads back as itself. Objects without such keys (nearly all) are stored as they are, without the marker,
// and so is everything written before this existed.
import type { KubeObject } from '../api.js';
import { setOwn } from '../own-keys.js';

/** Top-level marker of an object stored with renamed keys (a NUL can be in no name the API accepts here). */
const MARK = '\u0000ack-local/proto-keys-escaped';
const FAMILY = /^__proto(_+)$/;

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null;

function hasFamilyKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node.filter(isContainer));
    else if (isContainer(node)) {
      for (const key of Object.keys(node)) {
        if (FAMILY.test(key)) return true;
        const child = (node as Record<string, unknown>)[key];
        if (isContainer(child)) stack.push(child);
      }
    }
  }
  return false;
}

function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (!isContainer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    setOwn(out, rename(key), renameKeys((value as Record<string, unknown>)[key], rename));
  return out;
}

const escapeKey = (key: string): string => (FAMILY.test(key) ? `${key}__` : key);
const unescapeKey = (key: string): string =>
  FAMILY.test(key) && key.length >= '__proto___'.length ? key.slice(0, -2) : key;

/** The object as LMDB should store it. */
export function toStored(object: KubeObject): KubeObject {
  if (!hasFamilyKey(object)) return object;
  return { ...(renameKeys(object, escapeKey) as KubeObject), [MARK]: true };
}

/** The object as it was before toStored. */
export function fromStored<T extends KubeObject | undefined>(object: T): T {
  if (object === undefined || !Object.hasOwn(object, MARK)) return object;
  const { [MARK]: _marker, ...rest } = object as Record<string, unknown>;
  return renameKeys(rest, unescapeKey) as T;
}
