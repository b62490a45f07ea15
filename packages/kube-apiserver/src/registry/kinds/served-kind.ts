import type { ResourceType } from '../../resource-type.js';
import type { KubeObject } from '../../api.js';
import type { Strategy } from '../strategy.js';

/** A resource type as served plus the strategy its writes go through. */
export interface ServedKind {
  type: ResourceType;
  strategy: Strategy;
  /** Create-only kinds whose answer is computed from the request and never stored (access reviews). */
  review?: (request: KubeObject) => KubeObject;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Schema properties every top-level object schema starts with. */
export const objectRoot = (
  properties: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...properties },
  ...extra,
});

export const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
