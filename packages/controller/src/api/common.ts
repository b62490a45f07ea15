// Shapes shared by every ACK resource (aws-controllers-k8s/runtime apis/core/v1alpha1), as TypeBox schemas.
// TypeBox is the single source of both the TypeScript types and the CRD openAPIV3Schema (see crd.ts).
import { Type, type Static } from 'typebox';

export const Int64 = (options: Record<string, unknown> = {}) => Type.Integer({ format: 'int64', ...options });
export const DateTime = (options: Record<string, unknown> = {}) => Type.String({ format: 'date-time', ...options });

/** The CEL rule ACK's code generator puts on fields marked immutable. */
export const immutable = {
  'x-kubernetes-validations': [{ message: 'Value is immutable once set', rule: 'self == oldSelf' }],
};

export const ACKResourceMetadata = Type.Object(
  {
    arn: Type.Optional(Type.String({ description: 'ARN is the Amazon Resource Name for the resource.' })),
    ownerAccountID: Type.String({
      description:
        'OwnerAccountID is the AWS Account ID of the account that owns the backend AWS service API resource.',
    }),
    partition: Type.Optional(
      Type.String({ description: 'Partition is the AWS partition in which the resource exists or will exist' }),
    ),
    region: Type.String({ description: 'Region is the AWS region in which the resource exists or will exist.' }),
  },
  {
    description:
      'All CRs managed by ACK have a common `Status.ACKResourceMetadata` member that is used to contain resource sync state, account ownership, constructed ARN for the resource',
  },
);
export type ACKResourceMetadata = Static<typeof ACKResourceMetadata>;

export const Condition = Type.Object(
  {
    lastTransitionTime: Type.Optional(
      DateTime({ description: 'Last time the condition transitioned from one status to another.' }),
    ),
    message: Type.Optional(
      Type.String({ description: 'A human readable message indicating details about the transition.' }),
    ),
    reason: Type.Optional(Type.String({ description: "The reason for the condition's last transition." })),
    status: Type.String({ description: 'Status of the condition, one of True, False, Unknown.' }),
    type: Type.String({ description: 'Type is the type of the Condition' }),
  },
  {
    description:
      'Condition is the common struct used by all CRDs managed by ACK service controllers to indicate terminal states of the CR and its backend AWS service API resource',
  },
);
export type Condition = Static<typeof Condition>;

export const Conditions = Type.Array(Condition, {
  description:
    'All CRs managed by ACK have a common `Status.Conditions` member that contains a collection of `ackv1alpha1.Condition` objects that describe the various terminal states of the CR and its backend AWS service API resource',
});

export const KeySchemaElement = Type.Object(
  { attributeName: Type.Optional(Type.String()), keyType: Type.Optional(Type.String()) },
  { description: 'Represents a single element of a key schema.' },
);
export type KeySchemaElement = Static<typeof KeySchemaElement>;

export const Projection = Type.Object(
  {
    nonKeyAttributes: Type.Optional(Type.Array(Type.String())),
    projectionType: Type.Optional(Type.String()),
  },
  { description: 'Represents attributes that are copied (projected) from the table into an index.' },
);
export type Projection = Static<typeof Projection>;

export const ProvisionedThroughput = Type.Object(
  { readCapacityUnits: Type.Optional(Int64()), writeCapacityUnits: Type.Optional(Int64()) },
  { description: 'Represents the provisioned throughput settings for a specified table or index.' },
);
export type ProvisionedThroughput = Static<typeof ProvisionedThroughput>;

export const OnDemandThroughput = Type.Object(
  { maxReadRequestUnits: Type.Optional(Int64()), maxWriteRequestUnits: Type.Optional(Int64()) },
  { description: 'Sets the maximum number of read and write units for the specified on-demand table.' },
);
export type OnDemandThroughput = Static<typeof OnDemandThroughput>;

export const ProvisionedThroughputOverride = Type.Object(
  { readCapacityUnits: Type.Optional(Int64()) },
  {
    description:
      "Replica-specific provisioned throughput settings. If not specified, uses the source table's provisioned throughput settings.",
  },
);

export const ReplicaGlobalSecondaryIndex = Type.Object(
  {
    indexName: Type.Optional(Type.String()),
    provisionedThroughputOverride: Type.Optional(ProvisionedThroughputOverride),
  },
  { description: 'Represents the properties of a replica global secondary index.' },
);

/** The standard envelope every Kubernetes object schema starts with. */
export const objectEnvelope = {
  apiVersion: Type.Optional(
    Type.String({ description: 'APIVersion defines the versioned schema of this representation of an object.' }),
  ),
  kind: Type.Optional(
    Type.String({ description: 'Kind is a string value representing the REST resource this object represents.' }),
  ),
  metadata: Type.Optional(Type.Unsafe<Record<string, unknown>>({ type: 'object' })),
};
