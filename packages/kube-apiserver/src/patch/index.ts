// PATCH semantics per content type: JSON merge patch (RFC 7386), JSON patch (RFC 6902), strategic merge
// (built-in kinds only; custom resources answer 415 like the real server) and server-side apply.
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../api.js';
import { failure, StatusError } from '../errors.js';
import { goJsonType } from '../go-json.js';
import { MAX_NESTING_DEPTH, excessiveYamlNesting, nestsDeeperThan, tooDeep } from '../limits/nesting-depth.js';
import { apiVersionOf, type ResourceType } from '../resource-type.js';
import { checkTypeMetaTypes } from '../type-meta.js';
import { serverSideApply } from './apply.js';
import { applyJsonPatch } from './json-patch.js';
import { mergePatch } from './merge-patch.js';
import { SchemaNode } from './schema-node.js';
import { strategicMergePatch } from './strategic-merge.js';

export { updateManagedFields } from './managed-fields.js';
export type { UpdateManagedFieldsArgs, ManagedFieldsEntry } from './managed-fields.js';
export { LAST_APPLIED } from './apply.js';

export interface ApplyPatchArgs {
  type: ResourceType;
  current: KubeObject | undefined;
  patchType: 'merge' | 'json' | 'strategic' | 'apply';
  /** Parsed JSON, or the raw body (string/Buffer) — apply patches may be YAML. */
  patch: unknown;
  fieldManager?: string;
  force?: boolean;
  subresource?: 'status';
  /** Clock for managedFields timestamps (tests); defaults to now. */
  now?: Date;
}

const UNSUPPORTED_MEDIA_TYPE =
  'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

/**
 * Returns the patched object; the registry then applies its own rules (status subresource, immutable fields,
 * validation). A result nesting deeper than any request body may (patches can nest a value inside another)
 * is refused like such a body, before recursive code downstream runs out of stack on it.
 */
export function applyPatch(args: ApplyPatchArgs): KubeObject {
  const patched = patchedObject(args);
  // managedFields mirror the object one level deeper; they are the server's own, not what was sent
  const { managedFields: _managed, ...metadata } = patched.metadata ?? {};
  if (nestsDeeperThan({ ...patched, metadata }, MAX_NESTING_DEPTH)) throw tooDeep();
  return patched;
}

function patchedObject(args: ApplyPatchArgs): KubeObject {
  const { type, current, patchType } = args;
  if (patchType === 'strategic' && !type.builtin) {
    throw failure(415, 'UnsupportedMediaType', UNSUPPORTED_MEDIA_TYPE);
  }
  if (args.force !== undefined && args.force !== false && patchType !== 'apply') {
    throw failure(400, 'BadRequest', 'force may not be set for non-apply patch types');
  }
  const body = decodeBody(args.patch, patchType === 'apply');
  if (nestsDeeperThan(body, MAX_NESTING_DEPTH)) throw tooDeep();
  if (patchType === 'apply') {
    if (!isObject(body)) throw failure(400, 'BadRequest', 'apply patch must be an object');
    const applied = body as KubeObject;
    checkTypeMetaTypes(applied);
    const expected = apiVersionOf(type);
    if (applied.apiVersion !== expected || applied.kind !== type.kind) {
      throw failure(
        400,
        'BadRequest',
        `the apply patch's apiVersion/kind (${applied.apiVersion}, Kind=${applied.kind}) must be ${expected}, Kind=${type.kind}`,
      );
    }
    return serverSideApply({
      type,
      current,
      applied,
      fieldManager: args.fieldManager,
      force: args.force,
      subresource: args.subresource,
      now: args.now ?? new Date(),
    });
  }
  if (!current) throw notFound(type, args.patch);
  switch (patchType) {
    case 'merge':
      if (!isObject(body))
        throw failure(400, 'BadRequest', 'json: cannot unmarshal into Go value of type map[string]interface {}');
      return mergePatch(current, body) as KubeObject;
    case 'strategic':
      return strategicMergePatch(current, body, SchemaNode.forType(type)) as KubeObject;
    case 'json': {
      // `replace` or `move` at "" can leave a document that is no object at all; Go cannot decode it into one
      const patched = applyJsonPatch(current, body);
      if (!isObject(patched))
        throw failure(
          400,
          'BadRequest',
          `json: cannot unmarshal ${goJsonType(patched)} into Go value of type map[string]interface {}`,
        );
      return patched as KubeObject;
    }
  }
}

function decodeBody(patch: unknown, yamlAllowed: boolean): unknown {
  if (typeof patch !== 'string' && !Buffer.isBuffer(patch)) return patch;
  const text = patch.toString();
  if (yamlAllowed && excessiveYamlNesting(text)) throw tooDeep('{', 'error converting YAML to JSON: ');
  try {
    return yamlAllowed ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw failure(400, 'BadRequest', `error decoding patch: ${(err as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function notFound(type: ResourceType, patch: unknown): StatusError {
  const name =
    isObject(patch) && isObject(patch.metadata) && typeof patch.metadata.name === 'string' ? patch.metadata.name : '';
  const resource = type.group ? `${type.resource}.${type.group}` : type.resource;
  const err = failure(404, 'NotFound', `${resource} "${name}" not found`);
  err.status.details = { name, group: type.group, kind: type.resource };
  return err;
}
