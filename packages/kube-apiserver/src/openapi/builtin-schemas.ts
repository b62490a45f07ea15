// Schemas of the built-in kinds this apiserver serves, named and shaped like the real apiserver's OpenAPI v3
// (io.k8s.api.core.v1.*, io.k8s.apiextensions-apiserver...). Enough for `kubectl explain` and for kubectl's
// client-side strategic-merge computation on apply.
import { META, ref, refWith } from './meta-schemas.js';

export const CORE = 'io.k8s.api.core.v1';
export const APIEXT = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1';

const API_VERSION = {
  type: 'string',
  description:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
};
const KIND = {
  type: 'string',
  description:
    'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};
const OBJECT_META = refWith(
  `${META}.ObjectMeta`,
  "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  { default: {} },
);
const str = (description: string) => ({ type: 'string', description });
const strMap = (description: string) => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string', default: '' },
});
const byteMap = (description: string) => ({
  type: 'object',
  description,
  additionalProperties: { type: 'string', format: 'byte' },
});

/** Common top-level properties of every kind. */
export const kindProperties = { apiVersion: API_VERSION, kind: KIND, metadata: OBJECT_META };

export const builtinKindSchemas: Record<string, Record<string, unknown>> = {
  // key: `${group}/${version}/${kind}`
  'v1/Namespace': {
    description: 'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
    type: 'object',
    properties: {
      ...kindProperties,
      spec: refWith(
        `${CORE}.NamespaceSpec`,
        'Spec defines the behavior of the Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        { default: {} },
      ),
      status: refWith(
        `${CORE}.NamespaceStatus`,
        'Status describes the current status of a Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
        { default: {} },
      ),
    },
  },
  'v1/ConfigMap': {
    description: 'ConfigMap holds configuration data for pods to consume.',
    type: 'object',
    properties: {
      ...kindProperties,
      binaryData: byteMap(
        "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range.",
      ),
      data: strMap(
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field.",
      ),
      immutable: {
        type: 'boolean',
        description:
          'Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified).',
      },
    },
  },
  'v1/Secret': {
    description:
      'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.',
    type: 'object',
    properties: {
      ...kindProperties,
      data: byteMap(
        "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string.",
      ),
      immutable: {
        type: 'boolean',
        description:
          'Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified).',
      },
      stringData: strMap(
        'stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values.',
      ),
      type: str(
        'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types',
      ),
    },
  },
  'v1/Event': {
    description: 'Event is a report of an event somewhere in the cluster.',
    type: 'object',
    required: ['metadata', 'involvedObject'],
    properties: {
      ...kindProperties,
      action: str('What action was taken/failed regarding to the Regarding object.'),
      count: { type: 'integer', format: 'int32', description: 'The number of times this event has occurred.' },
      eventTime: refWith(`${META}.MicroTime`, 'Time when this Event was first observed.'),
      firstTimestamp: refWith(
        `${META}.Time`,
        'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      ),
      involvedObject: refWith(`${CORE}.ObjectReference`, 'The object that this event is about.', { default: {} }),
      lastTimestamp: refWith(
        `${META}.Time`,
        'The time at which the most recent occurrence of this event was recorded.',
      ),
      message: str('A human-readable description of the status of this operation.'),
      reason: str(
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      related: refWith(`${CORE}.ObjectReference`, 'Optional secondary object for more complex actions.'),
      reportingComponent: {
        type: 'string',
        default: '',
        description: 'Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.',
      },
      reportingInstance: {
        type: 'string',
        default: '',
        description: 'ID of the controller instance, e.g. `kubelet-xyzf`.',
      },
      source: refWith(
        `${CORE}.EventSource`,
        'The component reporting this event. Should be a short machine understandable string.',
        { default: {} },
      ),
      type: str('Type of this event (Normal, Warning), new types could be added in the future'),
    },
  },
  'apiextensions.k8s.io/v1/CustomResourceDefinition': {
    description:
      'CustomResourceDefinition represents a resource that should be exposed on the API server.  Its name MUST be in the format <.spec.name>.<.spec.group>.',
    type: 'object',
    required: ['spec'],
    properties: {
      ...kindProperties,
      spec: refWith(
        `${APIEXT}.CustomResourceDefinitionSpec`,
        'spec describes how the user wants the resources to appear',
        { default: {} },
      ),
      status: refWith(
        `${APIEXT}.CustomResourceDefinitionStatus`,
        'status indicates the actual state of the CustomResourceDefinition',
        { default: {} },
      ),
    },
  },
};

/** Non-kind definitions the built-in kinds reference. */
export const builtinSupportSchemas: Record<string, object> = {
  [`${META}.MicroTime`]: {
    description: 'MicroTime is version of Time with microsecond level precision.',
    type: 'string',
    format: 'date-time',
  },
  [`${CORE}.NamespaceSpec`]: {
    description: 'NamespaceSpec describes the attributes on a Namespace.',
    type: 'object',
    properties: {
      finalizers: {
        type: 'array',
        description:
          'Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'atomic',
      },
    },
  },
  [`${CORE}.NamespaceStatus`]: {
    description: 'NamespaceStatus is information about the current status of a Namespace.',
    type: 'object',
    properties: {
      conditions: {
        type: 'array',
        description: "Represents the latest available observations of a namespace's current state.",
        items: {
          type: 'object',
          properties: {
            type: str('Type of namespace controller condition.'),
            status: str('Status of the condition, one of True, False, Unknown.'),
            reason: { type: 'string' },
            message: { type: 'string' },
            lastTransitionTime: ref(`${META}.Time`),
          },
        },
        'x-kubernetes-list-map-keys': ['type'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'type',
        'x-kubernetes-patch-strategy': 'merge',
      },
      phase: {
        type: 'string',
        description:
          'Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/\n\nPossible enum values:\n - `"Active"` means the namespace is available for use in the system\n - `"Terminating"` means the namespace is undergoing graceful termination',
        enum: ['Active', 'Terminating'],
      },
    },
  },
  [`${CORE}.ObjectReference`]: {
    description: 'ObjectReference contains enough information to let you inspect or modify the referred object.',
    type: 'object',
    properties: {
      apiVersion: str('API version of the referent.'),
      fieldPath: str(
        'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
      ),
      kind: str('Kind of the referent.'),
      name: str('Name of the referent.'),
      namespace: str('Namespace of the referent.'),
      resourceVersion: str('Specific resourceVersion to which this reference is made, if any.'),
      uid: str('UID of the referent.'),
    },
    'x-kubernetes-map-type': 'atomic',
  },
  [`${CORE}.EventSource`]: {
    description: 'EventSource contains information for an event.',
    type: 'object',
    properties: {
      component: str('Component from which the event is generated.'),
      host: str('Node name on which the event is generated.'),
    },
  },
  [`${APIEXT}.CustomResourceDefinitionSpec`]: {
    description: 'CustomResourceDefinitionSpec describes how a user wants their resource to appear',
    type: 'object',
    required: ['group', 'names', 'scope', 'versions'],
    properties: {
      conversion: {
        type: 'object',
        description: 'conversion defines conversion settings for the CRD.',
        'x-kubernetes-preserve-unknown-fields': true,
      },
      group: {
        type: 'string',
        default: '',
        description:
          'group is the API group of the defined custom resource. The custom resources are served under `/apis/<group>/...`. Must match the name of the CustomResourceDefinition (in the form `<names.plural>.<group>`).',
      },
      names: refWith(
        `${APIEXT}.CustomResourceDefinitionNames`,
        'names specify the resource and kind names for the custom resource.',
        { default: {} },
      ),
      preserveUnknownFields: {
        type: 'boolean',
        description:
          'preserveUnknownFields indicates that object fields which are not specified in the OpenAPI schema should be preserved when persisting to storage.',
      },
      scope: {
        type: 'string',
        default: '',
        description:
          'scope indicates whether the defined custom resource is cluster- or namespace-scoped. Allowed values are `Cluster` and `Namespaced`.',
      },
      versions: {
        type: 'array',
        description: 'versions is the list of all API versions of the defined custom resource.',
        items: { default: {}, allOf: [ref(`${APIEXT}.CustomResourceDefinitionVersion`)] },
        'x-kubernetes-list-type': 'atomic',
      },
    },
  },
  [`${APIEXT}.CustomResourceDefinitionNames`]: {
    description: 'CustomResourceDefinitionNames indicates the names to serve this CustomResourceDefinition',
    type: 'object',
    required: ['plural', 'kind'],
    properties: {
      categories: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'atomic',
        description: "categories is a list of grouped resources this custom resource belongs to (e.g. 'all').",
      },
      kind: {
        type: 'string',
        default: '',
        description: 'kind is the serialized kind of the resource. It is normally CamelCase and singular.',
      },
      listKind: str('listKind is the serialized kind of the list for this resource. Defaults to "`kind`List".'),
      plural: {
        type: 'string',
        default: '',
        description:
          'plural is the plural name of the resource to serve. The custom resources are served under `/apis/<group>/<version>/.../<plural>`.',
      },
      shortNames: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'atomic',
        description: 'shortNames are short names for the resource, exposed in API discovery documents.',
      },
      singular: str(
        'singular is the singular name of the resource. It must be all lowercase. Defaults to lowercased `kind`.',
      ),
    },
  },
  [`${APIEXT}.CustomResourceDefinitionVersion`]: {
    description: 'CustomResourceDefinitionVersion describes a version for CRD.',
    type: 'object',
    required: ['name', 'served', 'storage'],
    properties: {
      additionalPrinterColumns: {
        type: 'array',
        items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        'x-kubernetes-list-type': 'atomic',
        description: 'additionalPrinterColumns specifies additional columns returned in Table output.',
      },
      deprecated: {
        type: 'boolean',
        description: 'deprecated indicates this version of the custom resource API is deprecated.',
      },
      deprecationWarning: str('deprecationWarning overrides the default warning returned to API clients.'),
      name: { type: 'string', default: '', description: 'name is the version name, e.g. “v1”, “v2beta1”, etc.' },
      schema: {
        type: 'object',
        description:
          'schema describes the schema used for validation, pruning, and defaulting of this version of the custom resource.',
        'x-kubernetes-preserve-unknown-fields': true,
      },
      selectableFields: {
        type: 'array',
        items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        'x-kubernetes-list-type': 'atomic',
      },
      served: {
        type: 'boolean',
        default: false,
        description: 'served is a flag enabling/disabling this version from being served via REST APIs',
      },
      storage: {
        type: 'boolean',
        default: false,
        description:
          'storage indicates this version should be used when persisting custom resources to storage. There must be exactly one version with storage=true.',
      },
      subresources: {
        type: 'object',
        description: 'subresources specify what subresources this version of the defined custom resource have.',
        'x-kubernetes-preserve-unknown-fields': true,
      },
    },
  },
  [`${APIEXT}.CustomResourceDefinitionStatus`]: {
    description: 'CustomResourceDefinitionStatus indicates the state of the CustomResourceDefinition',
    type: 'object',
    properties: {
      acceptedNames: refWith(
        `${APIEXT}.CustomResourceDefinitionNames`,
        'acceptedNames are the names that are actually being used to serve discovery.',
        { default: {} },
      ),
      conditions: {
        type: 'array',
        description: 'conditions indicate state for particular aspects of a CustomResourceDefinition',
        items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        'x-kubernetes-list-map-keys': ['type'],
        'x-kubernetes-list-type': 'map',
      },
      storedVersions: {
        type: 'array',
        items: { type: 'string', default: '' },
        'x-kubernetes-list-type': 'atomic',
        description: 'storedVersions lists all versions of CustomResources that were ever persisted.',
      },
    },
  },
};
