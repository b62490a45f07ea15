// io.k8s.apimachinery meta/v1 schemas as the real apiserver publishes them in OpenAPI v3 (trimmed descriptions).
// The patch extensions matter: kubectl apply computes strategic merge patches for built-ins from them, and they
// must agree with how our server merges (finalizers as a set, ownerReferences by uid).

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** How the real server embeds a $ref next to a description (OpenAPI 3.0 siblings of $ref are ignored). */
export const refWith = (name: string, description: string, extra: Record<string, unknown> = {}) => ({
  description,
  allOf: [ref(name)],
  ...extra,
});

const str = (description: string) => ({ type: 'string', description, default: '' });
const strMap = (description: string) => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string', default: '' },
});

export const metaSchemas: Record<string, object> = {
  [`${META}.ObjectMeta`]: {
    description:
      'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    type: 'object',
    properties: {
      annotations: strMap(
        'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations',
      ),
      creationTimestamp: refWith(
        `${META}.Time`,
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.',
      ),
      deletionGracePeriodSeconds: {
        type: 'integer',
        format: 'int64',
        description:
          'Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.',
      },
      deletionTimestamp: refWith(
        `${META}.Time`,
        'DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client.',
      ),
      finalizers: {
        type: 'array',
        description:
          'Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed.',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      generateName: {
        type: 'string',
        description:
          'GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.',
      },
      generation: {
        type: 'integer',
        format: 'int64',
        description:
          'A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.',
      },
      labels: strMap(
        'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels',
      ),
      managedFields: {
        type: 'array',
        description:
          "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field.",
        items: { default: {}, allOf: [ref(`${META}.ManagedFieldsEntry`)] },
      },
      name: {
        type: 'string',
        description:
          'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
      },
      namespace: {
        type: 'string',
        description:
          'Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation. Must be a DNS_LABEL. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces',
      },
      ownerReferences: {
        type: 'array',
        description:
          'List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected.',
        items: { default: {}, allOf: [ref(`${META}.OwnerReference`)] },
        'x-kubernetes-list-map-keys': ['uid'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-patch-strategy': 'merge',
      },
      resourceVersion: {
        type: 'string',
        description:
          'An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. Populated by the system. Read-only.',
      },
      selfLink: {
        type: 'string',
        description: 'Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.',
      },
      uid: {
        type: 'string',
        description:
          'UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations. Populated by the system. Read-only.',
      },
    },
  },
  [`${META}.ManagedFieldsEntry`]: {
    description:
      'ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.',
    type: 'object',
    properties: {
      apiVersion: {
        type: 'string',
        description: 'APIVersion defines the version of this resource that this field set applies to.',
      },
      fieldsType: {
        type: 'string',
        description:
          'FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: "FieldsV1"',
      },
      fieldsV1: refWith(
        `${META}.FieldsV1`,
        'FieldsV1 holds the first JSON version format as described in the "FieldsV1" type.',
      ),
      manager: { type: 'string', description: 'Manager is an identifier of the workflow managing these fields.' },
      operation: {
        type: 'string',
        description:
          "Operation is the type of operation which lead to this ManagedFieldsEntry being created. The only valid values for this field are 'Apply' and 'Update'.",
      },
      subresource: {
        type: 'string',
        description:
          'Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource.',
      },
      time: refWith(`${META}.Time`, 'Time is the timestamp of when the ManagedFields entry was added.'),
    },
  },
  [`${META}.OwnerReference`]: {
    description:
      'OwnerReference contains enough information to let you identify an owning object. An owning object must be in the same namespace as the dependent, or be cluster-scoped, so there is no namespace field.',
    type: 'object',
    required: ['apiVersion', 'kind', 'name', 'uid'],
    properties: {
      apiVersion: str('API version of the referent.'),
      blockOwnerDeletion: {
        type: 'boolean',
        description:
          'If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.',
      },
      controller: { type: 'boolean', description: 'If true, this reference points to the managing controller.' },
      kind: str('Kind of the referent.'),
      name: str('Name of the referent.'),
      uid: str('UID of the referent.'),
    },
    'x-kubernetes-map-type': 'atomic',
  },
  [`${META}.Time`]: {
    description:
      'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
    type: 'string',
    format: 'date-time',
  },
  [`${META}.FieldsV1`]: {
    description: 'FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.',
    type: 'object',
  },
  [`${META}.ListMeta`]: {
    description:
      'ListMeta describes metadata that synthetic resources must have, including lists and various status objects.',
    type: 'object',
    properties: {
      continue: {
        type: 'string',
        description:
          'continue may be set if the user set a limit on the number of items returned, and indicates that the server has more data available.',
      },
      remainingItemCount: {
        type: 'integer',
        format: 'int64',
        description:
          'remainingItemCount is the number of subsequent items in the list which are not included in this list response.',
      },
      resourceVersion: {
        type: 'string',
        description:
          "String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed.",
      },
      selfLink: {
        type: 'string',
        description: 'Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.',
      },
    },
  },
  [`${META}.Status`]: {
    description: "Status is a return value for calls that don't return other objects.",
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      code: {
        type: 'integer',
        format: 'int32',
        description: 'Suggested HTTP return code for this status, 0 if not set.',
      },
      details: { type: 'object', description: 'Extended data associated with the reason.' },
      kind: { type: 'string' },
      message: { type: 'string', description: 'A human-readable description of the status of this operation.' },
      metadata: refWith(`${META}.ListMeta`, 'Standard list metadata.', { default: {} }),
      reason: {
        type: 'string',
        description: 'A machine-readable description of why this operation is in the "Failure" status.',
      },
      status: { type: 'string', description: 'Status of the operation. One of: "Success" or "Failure".' },
    },
    'x-kubernetes-group-version-kind': [{ group: '', kind: 'Status', version: 'v1' }],
  },
  [`${META}.DeleteOptions`]: {
    description: 'DeleteOptions may be provided when deleting an API object.',
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      dryRun: { type: 'array', items: { type: 'string', default: '' } },
      gracePeriodSeconds: { type: 'integer', format: 'int64' },
      kind: { type: 'string' },
      orphanDependents: { type: 'boolean' },
      preconditions: { type: 'object', properties: { resourceVersion: { type: 'string' }, uid: { type: 'string' } } },
      propagationPolicy: { type: 'string' },
    },
  },
  [`${META}.Patch`]: {
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    type: 'object',
  },
};
