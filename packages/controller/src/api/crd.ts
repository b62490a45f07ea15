// Turns our TypeBox schemas into apiextensions.k8s.io/v1 CustomResourceDefinitions. The CRDs are therefore generated
// from the same schemas the controller's types come from; test/crd.test.ts compares them with the real ACK CRDs.
import type { TSchema } from 'typebox';
import type { KubeObject } from '@ack-local/kube-apiserver';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  priority?: number;
  description?: string;
}

export interface CrdDefinition {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  scope: 'Namespaced' | 'Cluster';
  schema: TSchema;
  printerColumns?: PrinterColumn[];
}

/**
 * TypeBox emits plain JSON Schema; Kubernetes wants a structural OpenAPI v3 subset. Rewrites the few constructs that
 * differ: literal unions become `enum`, Record becomes `additionalProperties`, empty `required` lists disappear.
 */
export function toStructuralSchema(schema: unknown): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return normalise(plain);
}

function normalise(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const anyOf = node.anyOf as Record<string, unknown>[] | undefined;
  if (anyOf && anyOf.every((branch) => 'const' in branch)) {
    out.type = typeof anyOf[0]!.const === 'number' ? 'integer' : 'string';
    out.enum = anyOf.map((branch) => branch.const);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'anyOf' && out.enum) continue;
    if (key === 'required' && Array.isArray(value) && value.length === 0) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Record<string, unknown>>).map(([k, v]) => [k, normalise(v)]),
      );
    } else if (key === 'items') {
      out.items = normalise(value as Record<string, unknown>);
    } else if (key === 'patternProperties') {
      const [only] = Object.values(value as Record<string, Record<string, unknown>>);
      out.additionalProperties = normalise(only!);
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out.required)) out.required = [...(out.required as string[])].sort();
  return out;
}

export function customResourceDefinition(def: CrdDefinition): KubeObject {
  const version: Record<string, unknown> = {
    name: def.version,
    schema: { openAPIV3Schema: toStructuralSchema(def.schema) },
    served: true,
    storage: true,
    subresources: { status: {} },
  };
  if (def.printerColumns?.length) version.additionalPrinterColumns = def.printerColumns;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${def.plural}.${def.group}`,
      annotations: { 'controller-gen.kubebuilder.io/version': 'v0.19.0' },
    },
    spec: {
      group: def.group,
      names: { kind: def.kind, listKind: `${def.kind}List`, plural: def.plural, singular: def.singular },
      scope: def.scope,
      versions: [version],
    },
  };
}
