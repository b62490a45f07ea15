// The one catalogue of API errors: StatusError (a failed call carrying the Status the HTTP layer sends as is)
// and constructors for the Status errors the real apiserver returns, with its exact reasons, codes and messages
// (k8s.io/apimachinery/pkg/api/errors). Messages are what kubectl prints after "Error from server (<reason>): ".
import type { KubeStatus } from './api.js';

/** A failed API call, carrying the Status object the HTTP layer sends as is. */
export class StatusError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
    this.name = 'StatusError';
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string {
    return this.status.reason;
  }
}

export interface GroupResource {
  group: string;
  resource: string;
}

/** "tables.dynamodb.services.k8s.aws" or "namespaces" for the core group. */
export const qualifiedResource = (gr: GroupResource): string => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);

/** A Failure Status; the named errors below are built with it. */
export function failure(code: number, reason: string, message: string, details?: KubeStatus['details']): StatusError {
  const status: KubeStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) status.details = details;
  return new StatusError(status);
}

function resourceDetails(gr: GroupResource, name: string): NonNullable<KubeStatus['details']> {
  const details: NonNullable<KubeStatus['details']> = {};
  if (name) details.name = name;
  if (gr.group) details.group = gr.group;
  details.kind = gr.resource;
  return details;
}

export const notFound = (gr: GroupResource, name: string): StatusError =>
  failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, resourceDetails(gr, name));

export const alreadyExists = (gr: GroupResource, name: string): StatusError =>
  failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, resourceDetails(gr, name));

export const conflict = (
  gr: GroupResource,
  name: string,
  why = 'the object has been modified; please apply your changes to the latest version and try again',
): StatusError =>
  failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`,
    resourceDetails(gr, name),
  );

export const forbidden = (
  gr: GroupResource,
  name: string,
  why: string,
  causes?: { type: string; message: string; field: string }[],
): StatusError => {
  const subject = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  const details = resourceDetails(gr, name) as NonNullable<KubeStatus['details']> & { causes?: unknown[] };
  if (causes) details.causes = causes;
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, details);
};

export const badRequest = (message: string): StatusError => failure(400, 'BadRequest', message);

export const methodNotAllowed = (
  message = 'the server does not allow this method on the requested resource',
): StatusError => failure(405, 'MethodNotAllowed', message, {});

export const pathNotFound = (): StatusError =>
  failure(404, 'NotFound', 'the server could not find the requested resource', {});

export const unsupportedMediaType = (message: string): StatusError => failure(415, 'UnsupportedMediaType', message, {});

/** A PATCH whose Content-Type is no patch type this resource takes (strategic merge is for built-ins only). */
export const unsupportedPatch = (): StatusError =>
  unsupportedMediaType(
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );

export const expired = (message: string): StatusError => failure(410, 'Expired', message);

/**
 * 504 for a list or watch at a resourceVersion the store has not reached (k8s.io/apiserver storage
 * NewTooLargeResourceVersionError wrapped by apimachinery NewTimeoutError; the cacher's retry hint is 1 s).
 */
export const tooLargeResourceVersion = (requested: number, current: number): StatusError => {
  const error = failure(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
  });
  (error.status.details as Record<string, unknown>).retryAfterSeconds = 1;
  return error;
};

/**
 * A create carrying metadata.resourceVersion: etcd's storage refuses it with a plain Go error, which the
 * handler answers as a 500 with no reason and no details (seen by clients, e.g. java-operator-sdk#2033).
 */
export const resourceVersionSetOnCreate = (): StatusError =>
  new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'resourceVersion should not be set on objects to be created',
    code: 500,
  } as KubeStatus);

export const internalError = (message: string): StatusError =>
  failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });

/** One field error, as k8s.io/apimachinery/pkg/util/validation/field.Error. */
export interface FieldError {
  type:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueNotSupported'
    | 'FieldValueTypeInvalid'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueTooMany'
    | 'FieldValueDuplicate';
  field: string;
  /** The error body after "field: ", e.g. 'Required value' or 'Invalid value: "x": detail'. */
  message: string;
}

export const fieldRequired = (field: string, detail = ''): FieldError => ({
  type: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
});

/** Go's %v/%q rendering of a bad value inside field error messages. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const fieldInvalid = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${renderValue(value)}${detail ? `: ${detail}` : ''}`,
});

export const fieldTypeInvalid = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueTypeInvalid',
  field,
  message: `Invalid value: ${renderValue(value)}: ${detail}`,
});

export const fieldNotSupported = (field: string, value: unknown, supported: unknown[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${renderValue(value)}${supported.length ? `: supported values: ${supported.map(renderValue).join(', ')}` : ''}`,
});

export const fieldForbidden = (field: string, detail: string): FieldError => ({
  type: 'FieldValueForbidden',
  field,
  message: `Forbidden: ${detail}`,
});

/** 422 Invalid: `Table.dynamodb.services.k8s.aws "items" is invalid: spec.x: Required value` (details.kind is the Kind). */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const rendered = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  const aggregate = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  const details: NonNullable<KubeStatus['details']> = {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  };
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${aggregate}`, details);
}
