// Glue to the patch module (src/patch, owned by the presentation side): applyPatch and updateManagedFields.
// Loaded once at server start; until that module exists a small fallback keeps PATCH usable (RFC 7386 merge,
// RFC 6902 JSON patch, strategic treated as merge, apply as merge without field ownership).
import fastJsonPatch from 'fast-json-patch';
import type { KubeObject, PatchType } from '../api.js';
import type { ResourceType } from '../resource-type.js';
import { badRequest, unsupportedMediaType } from './status-errors.js';
import { StatusError } from '../errors.js';

export interface ApplyPatchArgs {
  type: ResourceType;
  current: KubeObject | undefined;
  patchType: PatchType;
  patch: unknown;
  fieldManager?: string;
  force?: boolean;
  subresource?: 'status';
}

export interface UpdateManagedFieldsArgs {
  before: KubeObject | undefined;
  after: KubeObject;
  manager: string;
  operation: 'Update' | 'Apply';
  subresource?: string;
  now: Date;
}

export interface PatchModule {
  applyPatch(args: ApplyPatchArgs): KubeObject;
  updateManagedFields(args: UpdateManagedFieldsArgs): KubeObject;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}

const fallback: PatchModule = {
  applyPatch({ current, patchType, patch }) {
    const base = current ? structuredClone(current) : ({} as KubeObject);
    if (patchType === 'json') {
      if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
      try {
        return fastJsonPatch.applyPatch(base, patch as fastJsonPatch.Operation[], true, false).newDocument as KubeObject;
      } catch (e) {
        if (e instanceof StatusError) throw e;
        throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String((e as Error).message), reason: 'Invalid', code: 422 });
      }
    }
    if (!isObject(patch)) throw badRequest('the body of the request was not a JSON object');
    return mergePatch(base, patch) as KubeObject;
  },
  updateManagedFields: ({ after }) => after,
};

let loaded: PatchModule = fallback;

/** Loads src/patch when present (a missing module keeps the fallback). */
export async function loadPatchModule(): Promise<void> {
  const specifier = '../patch/index.js';
  try {
    const mod = (await import(specifier)) as Partial<PatchModule>;
    if (typeof mod.applyPatch === 'function' && typeof mod.updateManagedFields === 'function') {
      loaded = { applyPatch: mod.applyPatch, updateManagedFields: mod.updateManagedFields };
    }
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw e;
  }
}

export const patchModule = (): PatchModule => loaded;

export const unsupportedPatch = (): StatusError =>
  unsupportedMediaType('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
