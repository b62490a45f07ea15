// services.k8s.aws/v1alpha1 FieldExport: copies one field of an ACK resource into a ConfigMap or Secret.
import { Type, type Static } from 'typebox';
import { Conditions, objectEnvelope } from './common.js';

export const FieldExportSpec = Type.Object(
  {
    from: Type.Object(
      {
        path: Type.String(),
        resource: Type.Object(
          { group: Type.String(), kind: Type.String(), name: Type.String() },
          { description: 'NamespacedResource identifies an ACK resource in the namespace of the FieldExport.' },
        ),
      },
      {
        description:
          'ResourceFieldSelector provides the values necessary to identify an individual field on an individual K8s resource.',
      },
    ),
    to: Type.Object(
      {
        key: Type.Optional(
          Type.String({
            description:
              'Key overrides the default value (`<namespace>.<FieldExport-resource-name>`) for the FieldExport target',
          }),
        ),
        kind: Type.Union([Type.Literal('configmap'), Type.Literal('secret')], {
          description: 'FieldExportOutputType represents all types that can be produced by a field export operation',
        }),
        name: Type.String(),
        namespace: Type.Optional(
          Type.String({ description: 'Namespace is marked as optional, so we cannot compose `NamespacedName`' }),
        ),
      },
      {
        description: 'FieldExportTarget provides the values necessary to identify the output path for a field export.',
      },
    ),
  },
  { description: 'FieldExportSpec defines the desired state of the FieldExport.' },
);
export type FieldExportSpec = Static<typeof FieldExportSpec>;

export const FieldExportStatus = Type.Object(
  { conditions: Conditions },
  { description: 'FieldExportStatus defines the observed status of the FieldExport.' },
);

export const FieldExportSchema = Type.Object(
  { ...objectEnvelope, spec: Type.Optional(FieldExportSpec), status: Type.Optional(FieldExportStatus) },
  { description: 'FieldExport is the schema for the FieldExport API.' },
);
