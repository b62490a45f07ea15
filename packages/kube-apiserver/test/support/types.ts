// ResourceTypes for presentation-module unit tests, built from the real ACK CRDs the way the registry serves them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../src/api.js';
import type { PrinterColumn, ResourceType, ResourceTypeSource } from '../../src/resource-type.js';

/** The upstream ACK CRD files, kept unchanged in the repository (Apache-2.0, see the folder's LICENSE). */
export const CRD_DIR = fileURLToPath(new URL('../../../../fixtures/ack-dynamodb-crds/', import.meta.url));

export function loadCrds(dir = CRD_DIR): KubeObject[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as KubeObject))
    .filter((o) => o && o.kind === 'CustomResourceDefinition');
}

const CR_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

export function typesFromCrd(crd: KubeObject): ResourceType[] {
  const spec = crd.spec as any;
  return (spec.versions as any[])
    .filter((v) => v.served)
    .map((v) => ({
      group: spec.group,
      version: v.name,
      resource: spec.names.plural,
      singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
      kind: spec.names.kind,
      listKind: spec.names.listKind ?? `${spec.names.kind}List`,
      namespaced: spec.scope === 'Namespaced',
      shortNames: spec.names.shortNames,
      categories: spec.names.categories,
      verbs: CR_VERBS,
      statusSubresource: Boolean(v.subresources?.status),
      schema: v.schema?.openAPIV3Schema,
      printerColumns: v.additionalPrinterColumns as PrinterColumn[] | undefined,
      builtin: false,
      crdName: crd.metadata.name,
    }));
}

const builtin = (
  t: Partial<ResourceType> & Pick<ResourceType, 'group' | 'version' | 'resource' | 'kind'>,
): ResourceType => ({
  singular: t.kind.toLowerCase(),
  listKind: `${t.kind}List`,
  namespaced: true,
  verbs: CR_VERBS,
  statusSubresource: false,
  builtin: true,
  ...t,
});

export const builtinTypes: ResourceType[] = [
  builtin({
    group: '',
    version: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    statusSubresource: true,
  }),
  builtin({ group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', shortNames: ['cm'] }),
  builtin({ group: '', version: 'v1', resource: 'secrets', kind: 'Secret' }),
  builtin({ group: '', version: 'v1', resource: 'events', kind: 'Event', shortNames: ['ev'] }),
  builtin({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    statusSubresource: true,
  }),
];

/** A mutable ResourceTypeSource: tests add CRD types and watch generation() move. */
export class TestTypes implements ResourceTypeSource {
  private types: ResourceType[];
  private gen = 1;
  constructor(initial: ResourceType[] = builtinTypes) {
    this.types = [...initial];
  }
  all(): ResourceType[] {
    return this.types;
  }
  find(group: string, version: string, resource: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.version === version && t.resource === resource);
  }
  generation(): number {
    return this.gen;
  }
  add(...types: ResourceType[]): void {
    this.types.push(...types);
    this.gen++;
  }
  remove(resource: string): void {
    this.types = this.types.filter((t) => t.resource !== resource);
    this.gen++;
  }
}

let cachedAckTypes: ResourceType[] | undefined;
export function ackTypes(): ResourceType[] {
  cachedAckTypes ??= loadCrds().flatMap(typesFromCrd);
  return cachedAckTypes;
}

export const tableType = (): ResourceType => ackTypes().find((t) => t.resource === 'tables')!;
