// What a served resource type is, shared by the registry (store, verbs, watch) and the presentation modules
// (discovery, OpenAPI, Table output, patching). One ResourceType per served resource: built-ins (namespaces,
// events, configmaps, secrets, customresourcedefinitions) and one per served version of every established CRD.
import type { KubeObject } from './api.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** A structural OpenAPI v3 schema as a CRD carries it (openAPIV3Schema). */
export type JSONSchemaProps = Record<string, unknown>;

export interface ResourceType {
  group: string; // '' = core
  version: string;
  resource: string; // plural
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Has the status subresource (main endpoint ignores .status, /status changes only .status). */
  statusSubresource: boolean;
  /** openAPIV3Schema of this version (built-ins: a hand-written structural schema). */
  schema?: JSONSchemaProps;
  printerColumns?: PrinterColumn[];
  /** Built-in kinds accept strategic merge patch; custom resources answer 415. */
  builtin: boolean;
  /** Served by a CRD (its name), for discovery freshness / hashes. */
  crdName?: string;
  /** Storage version is the served version here (we serve one version per CRD as stored). */
  /** Served over another resource's storage (events.k8s.io/v1 Events are core/v1 Events), converted both ways. */
  storedAs?: StoredAs;
}

/** Where a type's objects live when that is another resource, and how to convert to and from its shape. */
export interface StoredAs {
  group: string;
  resource: string;
  toStored(object: KubeObject): KubeObject;
  fromStored(object: KubeObject): KubeObject;
}

/** The group/resource a type's objects are stored under. */
export const storageOf = (t: ResourceType): { group: string; resource: string } => t.storedAs ?? t;

/** apiVersion as written in objects: 'v1' for core, 'group/version' otherwise. */
export const apiVersionOf = (t: Pick<ResourceType, 'group' | 'version'>): string =>
  t.group ? `${t.group}/${t.version}` : t.version;

/** What presentation modules need to read from the registry, live (CRDs come and go). */
export interface ResourceTypeSource {
  all(): ResourceType[];
  find(group: string, version: string, resource: string): ResourceType | undefined;
  /** Changes whenever the set of types or any schema changes (discovery ETag, OpenAPI hash). */
  generation(): number;
}

export type { KubeObject };
