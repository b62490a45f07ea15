// Builds the discovery documents from the live resource types: aggregated (apidiscovery.k8s.io v2/v2beta1)
// and legacy (APIVersions, APIGroupList, APIGroup, APIResourceList).
import { createHash } from 'node:crypto';
import type { ResourceType } from '../resource-type.js';
import { compareKubeVersions } from './versions.js';

export interface GroupVersions {
  group: string;
  /** Preferred first. */
  versions: { version: string; types: ResourceType[] }[];
}

const STATUS_VERBS = ['get', 'patch', 'update'];

/** Groups in serving order: core, then built-in groups, then CRD groups alphabetically. */
export function groupTypes(types: ResourceType[]): GroupVersions[] {
  const byGroup = new Map<string, Map<string, ResourceType[]>>();
  for (const t of types) {
    const versions = byGroup.get(t.group) ?? new Map<string, ResourceType[]>();
    versions.set(t.version, [...(versions.get(t.version) ?? []), t]);
    byGroup.set(t.group, versions);
  }
  const isBuiltinGroup = (group: string) => (byGroup.get(group)?.values().next().value ?? []).some((t) => t.builtin);
  const order = [...byGroup.keys()].sort((a, b) => {
    if (a === '' || b === '') return a === '' ? -1 : 1;
    const ba = isBuiltinGroup(a),
      bb = isBuiltinGroup(b);
    if (ba !== bb) return ba ? -1 : 1;
    return a.localeCompare(b);
  });
  return order.map((group) => ({
    group,
    versions: [...byGroup.get(group)!.entries()]
      .sort(([a], [b]) => compareKubeVersions(a, b))
      .map(([version, ts]) => ({ version, types: [...ts].sort((x, y) => x.resource.localeCompare(y.resource)) })),
  }));
}

/** The real apiserver's storageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind"). */
export function storageVersionHash(t: ResourceType): string {
  return createHash('sha256').update(`${t.group}/${t.version}/${t.kind}`).digest().subarray(0, 8).toString('base64');
}

const withOptional = <T extends Record<string, unknown>>(
  base: T,
  optional: Record<string, unknown[] | undefined>,
): T => {
  for (const [k, v] of Object.entries(optional)) if (v && v.length > 0) (base as Record<string, unknown>)[k] = v;
  return base;
};

export function aggregatedDiscovery(groups: GroupVersions[], apiVersion: 'v2' | 'v2beta1'): object {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${apiVersion}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.group },
      versions: g.versions.map((v) => ({
        version: v.version,
        resources: v.types.map((t) => {
          const responseKind = { group: t.group, version: t.version, kind: t.kind };
          const resource: Record<string, unknown> = withOptional(
            {
              resource: t.resource,
              responseKind,
              scope: t.namespaced ? 'Namespaced' : 'Cluster',
              singularResource: t.singular,
              verbs: t.verbs,
            },
            { shortNames: t.shortNames, categories: t.categories },
          );
          if (t.statusSubresource)
            resource.subresources = [{ subresource: 'status', responseKind, verbs: STATUS_VERBS }];
          return resource;
        }),
        freshness: 'Current',
      })),
    })),
  };
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(g: GroupVersions): Record<string, unknown> {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v.version}`, version: v.version }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(groups: GroupVersions[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.filter((g) => g.group !== '').map(apiGroup) };
}

export function apiGroupDocument(g: GroupVersions): object {
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
}

export function apiResourceList(group: string, version: string, types: ResourceType[]): object {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.flatMap((t) => {
      const main = withOptional(
        {
          name: t.resource,
          singularName: t.singular,
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: t.verbs,
        } as Record<string, unknown>,
        { shortNames: t.shortNames, categories: t.categories },
      );
      main.storageVersionHash = storageVersionHash(t);
      const status = t.statusSubresource
        ? [
            {
              name: `${t.resource}/status`,
              singularName: '',
              namespaced: t.namespaced,
              kind: t.kind,
              verbs: STATUS_VERBS,
            },
          ]
        : [];
      return [main, ...status];
    }),
  };
}
