// The live set of served resource types: the built-ins plus every version of every stored CRD. Presentation
// modules read it through ResourceTypeSource; generation() bumps on any change so discovery ETags and OpenAPI
// hashes follow CRD installs and removals.
import type { ResourceType, ResourceTypeSource } from '../resource-type.js';
import { configMapKind } from './kinds/configmap.js';
import {
  customResourceDefinitionKind,
  kindsOfCrd,
  type CustomResourceDefinition,
} from './kinds/custom-resource-definition.js';
import { selfSubjectAccessReviewKind, selfSubjectReviewKinds } from './kinds/access-reviews.js';
import { eventKind } from './kinds/event.js';
import { eventsV1Kind } from './kinds/events-v1.js';
import { namespaceKind } from './kinds/namespace.js';
import { secretKind } from './kinds/secret.js';
import type { ServedKind } from './kinds/served-kind.js';

export const BUILTIN_KINDS: readonly ServedKind[] = [
  namespaceKind,
  configMapKind,
  secretKind,
  eventKind,
  eventsV1Kind,
  customResourceDefinitionKind,
  selfSubjectAccessReviewKind,
  ...selfSubjectReviewKinds,
];

export class TypeRegistry implements ResourceTypeSource {
  private readonly byCrd = new Map<string, ServedKind[]>();
  private revision = 1;
  private snapshot: ServedKind[] | undefined;

  /** `builtins`: the kinds served without a CRD (the workload kinds come in through the Registry's options). */
  constructor(private readonly builtins: readonly ServedKind[] = BUILTIN_KINDS) {}

  all(): ResourceType[] {
    return this.kinds().map((k) => k.type);
  }

  find(group: string, version: string, resource: string): ResourceType | undefined {
    return this.served(group, version, resource)?.type;
  }

  generation(): number {
    return this.revision;
  }

  kinds(): ServedKind[] {
    this.snapshot ??= [...this.builtins, ...[...this.byCrd.values()].flat()];
    return this.snapshot;
  }

  served(group: string, version: string, resource: string): ServedKind | undefined {
    return this.kinds().find(
      (k) => k.type.group === group && k.type.version === version && k.type.resource === resource,
    );
  }

  /** Every served version of a group/resource (they share storage). */
  versionsOf(group: string, resource: string): ServedKind[] {
    return this.kinds().filter((k) => k.type.group === group && k.type.resource === resource);
  }

  /** Installs or refreshes the types a CRD serves. */
  setCrd(crd: CustomResourceDefinition): void {
    const next = kindsOfCrd(crd);
    const before = JSON.stringify(this.byCrd.get(crd.metadata.name!)?.map((k) => k.type));
    if (before === JSON.stringify(next.map((k) => k.type))) return;
    this.byCrd.set(crd.metadata.name!, next);
    this.changed();
  }

  removeCrd(name: string): void {
    if (this.byCrd.delete(name)) this.changed();
  }

  private changed(): void {
    this.snapshot = undefined;
    this.revision++;
  }
}
