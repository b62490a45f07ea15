// apiextensions.k8s.io/v1 CustomResourceDefinition: defaulted names, status as the real CRD controllers set it
// (NamesAccepted/Established conditions, acceptedNames, storedVersions) and the cleanup finalizer on delete
// (the CRD controller then deletes every instance before the CRD goes away).
import type { KubeObject } from '../../api.js';
import type { PrinterColumn, ResourceType } from '../../resource-type.js';
import { rfc3339 } from '../object-meta.js';
import type { Strategy, StrategyContext } from '../strategy.js';
import { fieldInvalid, fieldNotSupported, fieldRequired, type FieldError } from '../../errors.js';
import { ALL_VERBS, objectRoot, type ServedKind } from './served-kind.js';
import { customResourceStrategy } from './custom-resource.js';
import { unsupportedRules } from '../../schema/transition-rules.js';

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export interface CrdNames {
  plural: string;
  singular?: string;
  kind: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
  subresources?: { status?: unknown; scale?: unknown };
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CrdCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface CustomResourceDefinition extends KubeObject {
  spec: {
    group: string;
    names: CrdNames;
    scope: string;
    versions: CrdVersion[];
    conversion?: unknown;
    preserveUnknownFields?: boolean;
  };
  status?: { conditions?: CrdCondition[]; acceptedNames?: CrdNames; storedVersions?: string[] };
}

function defaultNames(names: CrdNames): CrdNames {
  return {
    ...names,
    singular: names.singular || (names.kind ?? '').toLowerCase(),
    listKind: names.listKind || `${names.kind}List`,
  };
}

function setCondition(conditions: CrdCondition[], next: CrdCondition, now: Date): CrdCondition[] {
  const existing = conditions.find((c) => c.type === next.type);
  const lastTransitionTime =
    existing && existing.status === next.status && existing.lastTransitionTime
      ? existing.lastTransitionTime
      : rfc3339(now);
  const updated = { ...next, lastTransitionTime };
  return existing ? conditions.map((c) => (c.type === next.type ? updated : c)) : [...conditions, updated];
}

/** What the real naming and establishing controllers write, done synchronously so `kubectl wait` never waits. */
function establish(crd: CustomResourceDefinition, previous: CustomResourceDefinition['status'], now: Date): void {
  let conditions = previous?.conditions ?? [];
  conditions = setCondition(
    conditions,
    { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
    now,
  );
  conditions = setCondition(
    conditions,
    {
      type: 'Established',
      status: 'True',
      reason: 'InitialNamesAccepted',
      message: 'the initial names have been accepted',
    },
    now,
  );
  const storage = crd.spec.versions?.find((v) => v.storage)?.name;
  const stored = previous?.storedVersions ?? [];
  crd.status = {
    conditions,
    acceptedNames: defaultNames(crd.spec.names),
    storedVersions: storage && !stored.includes(storage) ? [...stored, storage] : stored,
  };
}

function prepare(crd: CustomResourceDefinition): void {
  if (crd.spec?.names) crd.spec.names = defaultNames(crd.spec.names);
  if (crd.spec && !crd.spec.conversion) crd.spec.conversion = { strategy: 'None' };
}

function validateCrd(crd: CustomResourceDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const spec = crd.spec;
  if (!spec || typeof spec !== 'object') return [fieldRequired('spec')];
  if (!spec.group) errors.push(fieldRequired('spec.group'));
  else if (!spec.group.includes('.'))
    errors.push(fieldInvalid('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!spec.names?.plural) errors.push(fieldRequired('spec.names.plural'));
  if (!spec.names?.kind) errors.push(fieldRequired('spec.names.kind'));
  if (spec.names?.plural && spec.group && crd.metadata.name !== `${spec.names.plural}.${spec.group}`) {
    errors.push(fieldInvalid('metadata.name', crd.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    errors.push(fieldNotSupported('spec.scope', spec.scope ?? '', ['Cluster', 'Namespaced']));
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0)
    errors.push(fieldInvalid('spec.versions', versions, 'must have exactly one version marked as storage version'));
  else if (versions.filter((v) => v.storage).length !== 1) {
    errors.push(
      fieldInvalid(
        'spec.versions',
        versions.map((v) => v.name),
        'must have exactly one version marked as storage version',
      ),
    );
  }
  versions.forEach((v, i) => {
    if (!v.name) errors.push(fieldRequired(`spec.versions[${i}].name`));
    if (!v.schema?.openAPIV3Schema)
      errors.push(fieldRequired(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
  });
  return errors;
}

const strategy: Strategy = {
  tracksGeneration: true,
  nameRule: 'subdomain',
  fieldLabels: [],
  returnDeletedObject: true,
  prepareForCreate(o, ctx) {
    const crd = o as CustomResourceDefinition;
    prepare(crd);
    establish(crd, undefined, ctx.now);
  },
  prepareForUpdate(o, old, ctx: StrategyContext) {
    const crd = o as CustomResourceDefinition;
    if (ctx.subresource === 'status') return;
    prepare(crd);
    establish(crd, (old as CustomResourceDefinition).status, ctx.now);
    const terminating = (old as CustomResourceDefinition).status?.conditions?.find((c) => c.type === 'Terminating');
    if (terminating && crd.status) crd.status.conditions = [...(crd.status.conditions ?? []), terminating];
  },
  validate: (o) => validateCrd(o as CustomResourceDefinition),
  validateUpdate(o, old) {
    const crd = o as CustomResourceDefinition;
    const previous = old as CustomResourceDefinition;
    const errors: FieldError[] = [];
    if (crd.spec?.scope !== previous.spec?.scope)
      errors.push(fieldInvalid('spec.scope', crd.spec?.scope, 'field is immutable'));
    if (crd.spec?.group !== previous.spec?.group)
      errors.push(fieldInvalid('spec.group', crd.spec?.group, 'field is immutable'));
    return errors;
  },
  warnings(o) {
    const crd = o as CustomResourceDefinition;
    return (crd.spec?.versions ?? []).flatMap((v) =>
      unsupportedRules(v.schema?.openAPIV3Schema).map(
        ({ path, rule }) =>
          `${v.name}: x-kubernetes-validations rule ${JSON.stringify(rule)} at ${path} is not evaluated by this server (only "self == oldSelf" is) and is ignored`,
      ),
    );
  },
  beforeDelete(o, ctx) {
    const crd = o as CustomResourceDefinition;
    const finalizers = crd.metadata.finalizers ?? [];
    if (!finalizers.includes(CRD_CLEANUP_FINALIZER)) crd.metadata.finalizers = [...finalizers, CRD_CLEANUP_FINALIZER];
    crd.status = {
      ...(crd.status ?? {}),
      conditions: setCondition(
        crd.status?.conditions ?? [],
        {
          type: 'Terminating',
          status: 'True',
          reason: 'InstanceDeletionPending',
          message: 'CustomResourceDefinition marked for deletion; instance deletion is pending',
        },
        ctx.now,
      ),
    };
  },
};

export const customResourceDefinitionKind: ServedKind = {
  type: {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    kind: 'CustomResourceDefinition',
    listKind: 'CustomResourceDefinitionList',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    verbs: ALL_VERBS,
    statusSubresource: true,
    builtin: true,
    schema: objectRoot({
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    }),
  },
  strategy,
};

/** The resource types a CRD serves: one per served version, all sharing the same stored objects. */
export function kindsOfCrd(crd: CustomResourceDefinition): ServedKind[] {
  const names = defaultNames(crd.spec.names);
  return crd.spec.versions
    .filter((v) => v.served)
    .map((v) => {
      const type: ResourceType = {
        group: crd.spec.group,
        version: v.name,
        resource: names.plural,
        singular: names.singular!,
        kind: names.kind,
        listKind: names.listKind!,
        namespaced: crd.spec.scope === 'Namespaced',
        verbs: ALL_VERBS,
        statusSubresource: v.subresources?.status !== undefined && v.subresources?.status !== null,
        builtin: false,
        crdName: crd.metadata.name!,
        ...(names.shortNames ? { shortNames: names.shortNames } : {}),
        ...(names.categories ? { categories: names.categories } : {}),
        ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
        ...(v.additionalPrinterColumns ? { printerColumns: v.additionalPrinterColumns } : {}),
      };
      return { type, strategy: customResourceStrategy };
    });
}
