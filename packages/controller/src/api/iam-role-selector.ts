// services.k8s.aws/v1alpha1 IAMRoleSelector (cluster-scoped). ack-local has no IAM, so nothing reconciles it;
// the CRD exists so manifests written for real ACK apply unchanged.
import { Type } from 'typebox';
import { immutable, objectEnvelope } from './common.js';

const LabelSelector = Type.Object(
  { matchLabels: Type.Record(Type.String(), Type.String()) },
  { description: 'LabelSelector is a label query over a set of resources.' },
);

export const IAMRoleSelectorSpec = Type.Object({
  arn: Type.String(immutable),
  namespaceSelector: Type.Optional(
    Type.Object(
      { labelSelector: Type.Optional(LabelSelector), names: Type.Array(Type.String()) },
      { description: 'IAMRoleSelectorSpec defines the desired state of IAMRoleSelector' },
    ),
  ),
  resourceLabelSelector: Type.Optional(LabelSelector),
  resourceTypeSelector: Type.Optional(
    Type.Array(Type.Object({ group: Type.String(), kind: Type.String(), version: Type.String() })),
  ),
});

export const IAMRoleSelectorSchema = Type.Object(
  {
    ...objectEnvelope,
    spec: Type.Optional(IAMRoleSelectorSpec),
    status: Type.Optional(Type.Unsafe<Record<string, unknown>>({ type: 'object' })),
  },
  { description: 'IAMRoleSelector is the schema for the IAMRoleSelector API.' },
);
