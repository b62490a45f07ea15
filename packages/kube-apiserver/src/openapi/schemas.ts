// components.schemas entries per resource type: the kind schema (built-in or from the CRD's openAPIV3Schema)
// and its List, named like the real apiserver so `kubectl explain` finds them by x-kubernetes-group-version-kind.
import type { ResourceType } from '../resource-type.js';
import { APIEXT, CORE, builtinKindSchemas, kindProperties } from './builtin-schemas.js';
import { META, ref, refWith } from './meta-schemas.js';

/** Built-in groups whose schemas the real server names io.k8s.api.<package>.<version>.<Kind>. */
const BUILTIN_API_GROUPS: Record<string, string> = {
  apps: 'apps',
  batch: 'batch',
  'networking.k8s.io': 'networking',
  'events.k8s.io': 'events',
  'authorization.k8s.io': 'authorization',
  'authentication.k8s.io': 'authentication',
};

/** Real apiserver naming: core → io.k8s.api.core.v1.Kind; CRD groups reversed, e.g. aws.k8s.services.dynamodb.v1alpha1.Table. */
export function schemaName(t: Pick<ResourceType, 'group' | 'version'>, kind: string): string {
  if (t.group === '') return `${CORE.replace(/\.v1$/, '')}.${t.version}.${kind}`;
  if (t.group === 'apiextensions.k8s.io') return `${APIEXT.replace(/\.v1$/, '')}.${t.version}.${kind}`;
  const builtinGroup = BUILTIN_API_GROUPS[t.group];
  if (builtinGroup) return `io.k8s.api.${builtinGroup}.${t.version}.${kind}`;
  return `${t.group.split('.').reverse().join('.')}.${t.version}.${kind}`;
}

const gvkExtension = (t: ResourceType, kind: string) => [{ group: t.group, kind, version: t.version }];

export function kindSchema(t: ResourceType): Record<string, unknown> {
  const builtin = t.builtin ? builtinKindSchemas[`${t.group ? `${t.group}/` : ''}${t.version}/${t.kind}`] : undefined;
  const base = builtin ? structuredClone(builtin) : fromCrdSchema(t.schema);
  return { ...base, 'x-kubernetes-group-version-kind': gvkExtension(t, t.kind) };
}

/** A CRD openAPIV3Schema as published: standard apiVersion/kind/metadata, metadata pointing at ObjectMeta. */
function fromCrdSchema(schema: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!schema)
    return { type: 'object', properties: { ...kindProperties }, 'x-kubernetes-preserve-unknown-fields': true };
  const copy = structuredClone(schema) as Record<string, unknown>;
  const properties = { ...((copy.properties as Record<string, unknown> | undefined) ?? {}) };
  const described = (key: 'apiVersion' | 'kind') => {
    const own = properties[key] as Record<string, unknown> | undefined;
    return own?.description ? own : kindProperties[key];
  };
  properties.apiVersion = described('apiVersion');
  properties.kind = described('kind');
  properties.metadata = kindProperties.metadata;
  copy.properties = properties;
  if (!copy.type) copy.type = 'object';
  return copy;
}

export function listSchema(t: ResourceType): Record<string, unknown> {
  return {
    description: `${t.listKind} is a list of ${t.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: kindProperties.apiVersion,
      items: {
        type: 'array',
        description: `List of ${t.resource}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        items: ref(schemaName(t, t.kind)),
      },
      kind: kindProperties.kind,
      metadata: refWith(
        `${META}.ListMeta`,
        'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
        { default: {} },
      ),
    },
    'x-kubernetes-group-version-kind': gvkExtension(t, t.listKind),
  };
}
