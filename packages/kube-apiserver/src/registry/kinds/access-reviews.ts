// The self-review APIs kubectl's `auth` commands post: SelfSubjectAccessReview (`kubectl auth can-i`) and
// SelfSubjectReview (`kubectl auth whoami`). Create-only and never stored: the answer is computed from the request,
// as the real server does. Without authorization everything is allowed, so every review says allowed: true.
import type { KubeObject } from '../../api.js';
import type { ResourceType } from '../../resource-type.js';
import type { Strategy } from '../strategy.js';
import { objectRoot, type ServedKind } from './served-kind.js';

/** The identity every request has here (no authentication): what `kubectl auth whoami` prints. */
export const LOCAL_USER = { username: 'ack-local', groups: ['system:masters', 'system:authenticated'] };

const strategy: Strategy = {
  tracksGeneration: false,
  nameRule: 'subdomain',
  fieldLabels: [],
  returnDeletedObject: false,
};
const freeForm = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const reviewType = (group: string, version: string, resource: string, kind: string): ResourceType => ({
  group,
  version,
  resource,
  singular: '',
  kind,
  listKind: `${kind}List`,
  namespaced: false,
  verbs: ['create'],
  statusSubresource: false,
  builtin: true,
  schema: objectRoot({ spec: freeForm, status: freeForm }),
});

const answer = (type: ResourceType, fields: Record<string, unknown>): KubeObject =>
  ({
    kind: type.kind,
    apiVersion: `${type.group}/${type.version}`,
    metadata: { creationTimestamp: null },
    ...fields,
  }) as unknown as KubeObject;

const accessReviewType = reviewType(
  'authorization.k8s.io',
  'v1',
  'selfsubjectaccessreviews',
  'SelfSubjectAccessReview',
);

export const selfSubjectAccessReviewKind: ServedKind = {
  type: accessReviewType,
  strategy,
  review: (request) => answer(accessReviewType, { spec: request.spec ?? {}, status: { allowed: true } }),
};

/** kubectl auth whoami asks v1 (1.28+), then v1beta1 and v1alpha1 of older servers: all three answer. */
export const selfSubjectReviewKinds: ServedKind[] = ['v1', 'v1beta1', 'v1alpha1'].map((version) => {
  const type = reviewType('authentication.k8s.io', version, 'selfsubjectreviews', 'SelfSubjectReview');
  return { type, strategy, review: () => answer(type, { status: { userInfo: LOCAL_USER } }) };
});
