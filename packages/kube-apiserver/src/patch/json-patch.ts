// JSON patch (RFC 6902) with the real apiserver's bounds: at most 10,000 operations (413, "The allowed maximum
// operations in a JSON patch is 10000, got N" — apiserver endpoints/handlers/patch.go maxJSONPatchOperations),
// and `copy` operations may grow the document by at most 3 MiB in total (JSONPatchMaxCopyBytes, the
// AccumulatedCopySizeLimit of evanphx/json-patch). Without that bound a 2.7 KB patch copying a map into itself
// 19 times builds a multi-gigabyte object. Any failed operation is the 422 the real server answers.
// Written here rather than taken from fast-json-patch: user keys such as `__proto__` must be ordinary keys
// (fast-json-patch refuses them), and the copy budget has to be checked before each copy is made.
import { failure } from '../errors.js';
import { goJsonType } from '../go-json.js';
import { ownValue, setOwn } from '../own-keys.js';

export const MAX_JSON_PATCH_OPERATIONS = 10_000;
export const MAX_COPY_BYTES = 3 * 1024 * 1024;

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** An operation that cannot be applied (bad path, failed test, copy budget spent): the 422 of patch.go. */
class OperationFailed extends Error {}

export function applyJsonPatch(document: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw failure(400, 'BadRequest', `json: cannot unmarshal ${goJsonType(ops)} into Go value of type jsonpatch.Patch`);
  for (const op of ops) {
    if (typeof op !== 'object' || op === null || Array.isArray(op))
      throw failure(
        400,
        'BadRequest',
        `json: cannot unmarshal ${goJsonType(op)} into Go value of type jsonpatch.Operation`,
      );
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS)
    throw failure(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
    );
  const root = { value: structuredClone(document) };
  let copied = 0;
  try {
    for (const op of ops as Record<string, unknown>[]) copied = applyOne(root, op, copied);
  } catch (e) {
    if (e instanceof OperationFailed) {
      const err = failure(422, 'Invalid', 'the server rejected our request due to an error in our request');
      err.status.details = {};
      throw err;
    }
    throw e;
  }
  return root.value;
}

/** Applies one operation to root.value; returns the copy bytes spent so far. */
function applyOne(root: { value: unknown }, op: Record<string, unknown>, copied: number): number {
  const path = pointer(op.path);
  switch (op.op) {
    case 'add':
      insert(root, path, valueOf(op));
      return copied;
    case 'remove':
      take(root, path);
      return copied;
    case 'replace':
      replace(root, path, valueOf(op));
      return copied;
    case 'move': {
      const from = pointer(op.from);
      if (from.length < path.length && from.every((t, i) => t === path[i])) throw new OperationFailed();
      insert(root, path, take(root, from));
      return copied;
    }
    case 'copy': {
      const source = read(root.value, pointer(op.from));
      const spent = copied + serializedSize(source, MAX_COPY_BYTES - copied);
      if (spent > MAX_COPY_BYTES) throw new OperationFailed(); // AccumulatedCopySizeError in evanphx/json-patch
      insert(root, path, structuredClone(source));
      return spent;
    }
    case 'test':
      if (!sameJson(read(root.value, path), op.value === undefined ? null : op.value)) throw new OperationFailed();
      return copied;
    default:
      throw new OperationFailed();
  }
}

function valueOf(op: Record<string, unknown>): unknown {
  if (!Object.hasOwn(op, 'value')) throw new OperationFailed();
  return op.value;
}

/** RFC 6901 pointer tokens; "" is the whole document. */
function pointer(raw: unknown): string[] {
  if (typeof raw !== 'string' || (raw !== '' && !raw.startsWith('/'))) throw new OperationFailed();
  if (raw === '') return [];
  return raw
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(token: string, length: number, appending: boolean): number {
  if (appending && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new OperationFailed();
  const index = Number(token);
  if (index > (appending ? length : length - 1)) throw new OperationFailed();
  return index;
}

function read(value: unknown, path: string[]): unknown {
  let node = value;
  for (const token of path) {
    if (Array.isArray(node)) node = node[arrayIndex(token, node.length, false)];
    else if (isContainer(node) && Object.hasOwn(node, token)) node = ownValue(node, token);
    else throw new OperationFailed();
  }
  return node;
}

function parentOf(root: { value: unknown }, path: string[]): Container {
  const parent = read(root.value, path.slice(0, -1));
  if (!isContainer(parent)) throw new OperationFailed();
  return parent;
}

function insert(root: { value: unknown }, path: string[], value: unknown): void {
  if (path.length === 0) {
    root.value = value;
    return;
  }
  const parent = parentOf(root, path);
  const token = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(arrayIndex(token, parent.length, true), 0, value);
  else setOwn(parent, token, value);
}

/** The target must exist; a map key keeps its place. */
function replace(root: { value: unknown }, path: string[], value: unknown): void {
  if (path.length === 0) {
    root.value = value;
    return;
  }
  const parent = parentOf(root, path);
  const token = path[path.length - 1]!;
  if (Array.isArray(parent)) parent[arrayIndex(token, parent.length, false)] = value;
  else if (Object.hasOwn(parent, token)) setOwn(parent, token, value);
  else throw new OperationFailed();
}

function take(root: { value: unknown }, path: string[]): unknown {
  // evanphx/json-patch finds no parent for "" and fails the operation ("doc is missing path")
  if (path.length === 0) throw new OperationFailed();
  const parent = parentOf(root, path);
  const token = path[path.length - 1]!;
  if (Array.isArray(parent)) return parent.splice(arrayIndex(token, parent.length, false), 1)[0];
  if (!Object.hasOwn(parent, token)) throw new OperationFailed();
  const value = ownValue(parent, token);
  delete parent[token];
  return value;
}

/**
 * The JSON size of a value, counting no further than `budget` bytes past which the caller refuses anyway
 * (an explicit stack: measuring must not cost more than the copy it guards).
 */
function serializedSize(value: unknown, budget: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= budget) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      size += 2 + Math.max(0, node.length - 1);
      for (const item of node) stack.push(item);
    } else if (isContainer(node)) {
      const keys = Object.keys(node);
      size += 2 + Math.max(0, keys.length - 1);
      for (const key of keys) {
        size += key.length + 3;
        stack.push(ownValue(node, key));
      }
    } else {
      size += typeof node === 'string' ? node.length + 2 : String(node).length;
    }
  }
  return size;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (!isContainer(a) || !isContainer(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && sameJson(ownValue(a, k), ownValue(b, k)))
  );
}
