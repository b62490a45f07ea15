// The structural-schema step of every write, as the real server runs it while decoding: unknown fields pruned
// (400 under fieldValidation=Strict, a Warning under Warn), defaults applied, the schema validated (422 Invalid;
// through /status only the status errors count).
import type { KubeObject } from '../api.js';
import { badRequest, invalid, type FieldError } from '../errors.js';
import { applyStructuralSchema } from '../schema/structural.js';
import type { WriteContext } from './generic-store.js';
import type { ServedKind } from './kinds/served-kind.js';
import { pruneObjectMeta } from './object-meta.js';

/** Prunes, defaults and validates `object` against its kind's schema; unknown-field warnings go to `warnings`. */
export function applySchema(
  kind: ServedKind,
  object: KubeObject,
  old: KubeObject | undefined,
  ctx: Pick<WriteContext, 'fieldValidation' | 'subresource'>,
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
  if (result.errors.length && ctx.subresource !== 'status') throwIfInvalid(kind, object, result.errors);
  else if (result.errors.length)
    throwIfInvalid(
      kind,
      object,
      result.errors.filter((e) => e.field.startsWith('status')),
    );
}

export function throwIfInvalid(kind: ServedKind, object: KubeObject, errors: FieldError[]): void {
  if (errors.length)
    throw invalid(kind.type.kind, kind.type.group, object.metadata.name ?? object.metadata.generateName ?? '', errors);
}
