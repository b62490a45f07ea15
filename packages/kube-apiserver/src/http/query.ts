// Query parameters of resource requests, validated as the real server does (bad values are 400s).
import type { FieldValidation } from '../registry/generic-store.js';
import { badRequest } from '../errors.js';

export type Query = Record<string, string | string[] | undefined>;

export function param(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/**
 * A boolean query parameter as the real server converts it (apimachinery runtime.Convert_Slice_string_To_bool):
 * absent is false; the first value "0" or "false" (any case) is false; anything else is true, including a bare
 * `?watch` (empty value) and the Python client's `watch=True`.
 */
export function boolParam(query: Query, name: string): boolean {
  const raw = query[name];
  if (raw === undefined) return false;
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return false;
  return !(first === '0' || first.toLowerCase() === 'false');
}

export function intParam(query: Query, name: string): number | undefined {
  const v = param(query, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid value for ${name}: ${v}`);
  return n;
}

export function dryRunParam(query: Query): boolean {
  const raw = query.dryRun;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const v of values)
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: ${JSON.stringify(v)}: supported values: "All"`);
  return values.length > 0;
}

/** fieldValidation over HTTP defaults to Warn (the real server's default since 1.27). */
export function fieldValidationParam(query: Query): FieldValidation {
  const v = param(query, 'fieldValidation');
  if (v === undefined || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(
    `fieldValidation: Unsupported value: ${JSON.stringify(v)}: supported values: "Ignore", "Strict", "Warn"`,
  );
}

export function includeObjectParam(query: Query): 'None' | 'Metadata' | 'Object' {
  const v = param(query, 'includeObject');
  if (v === undefined || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(
    `includeObject: Unsupported value: ${JSON.stringify(v)}: supported values: "Metadata", "None", "Object"`,
  );
}

/** The manager name the real server derives from the User-Agent when no fieldManager is given. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0]!.trim();
  return prefix.slice(0, 128) || 'unknown';
}
