// Our CRDs are generated from TypeBox; the real ACK CRDs are the oracle. Every property name, type, format, enum,
// required list, CEL rule and printer column must match; only description texts may differ.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { generatedCustomResourceDefinitions } from '../src/api/resources.js';
import { ackCustomResourceDefinitions } from '../src/index.js';

const REFERENCE_DIR = fileURLToPath(new URL('../../../fixtures/ack-dynamodb-crds', import.meta.url));
const SHIPPED = ['tables', 'globaltables', 'backups', 'fieldexports', 'iamroleselectors'];

type Json = Record<string, any>;

function referenceCrds(): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const file of readdirSync(REFERENCE_DIR).filter((f) => f.endsWith('.yaml'))) {
    const crd = parse(readFileSync(`${REFERENCE_DIR}/${file}`, 'utf8')) as Json;
    out.set(crd.metadata.name, crd);
  }
  return out;
}

/** Lists every difference between two schemas except descriptions, with the JSON path where it occurs. */
function schemaDifferences(ours: Json | undefined, real: Json | undefined, path: string, out: string[]): string[] {
  if (!ours || !real) {
    if (ours !== real) out.push(`${path}: ${ours ? 'extra' : 'missing'}`);
    return out;
  }
  for (const key of [
    'type',
    'format',
    'enum',
    'required',
    'x-kubernetes-validations',
    'x-kubernetes-preserve-unknown-fields',
  ]) {
    const a = key === 'required' ? [...(ours[key] ?? [])].sort() : ours[key];
    const b = key === 'required' ? [...(real[key] ?? [])].sort() : real[key];
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${path}.${key}: ours ${JSON.stringify(a)} real ${JSON.stringify(b)}`);
  }
  const names = new Set([...Object.keys(ours.properties ?? {}), ...Object.keys(real.properties ?? {})]);
  for (const name of names) schemaDifferences(ours.properties?.[name], real.properties?.[name], `${path}.${name}`, out);
  if (ours.items || real.items) schemaDifferences(ours.items, real.items, `${path}[]`, out);
  if (ours.additionalProperties || real.additionalProperties) {
    schemaDifferences(ours.additionalProperties, real.additionalProperties, `${path}{*}`, out);
  }
  const unknownKeys = Object.keys(ours).filter(
    (k) =>
      ![
        'type',
        'format',
        'enum',
        'required',
        'x-kubernetes-validations',
        'properties',
        'items',
        'additionalProperties',
        'description',
      ].includes(k),
  );
  if (unknownKeys.length) out.push(`${path}: unexpected keywords ${unknownKeys.join(',')}`);
  return out;
}

const ours = new Map(generatedCustomResourceDefinitions().map((crd) => [crd.metadata.name!, crd as Json]));
const real = referenceCrds();

test('we ship exactly the CRDs the controller ships (AdoptedResource was removed upstream)', () => {
  assert.equal(
    [...ours.keys()].sort(),
    SHIPPED.map((p) => [...real.keys()].find((n) => n.startsWith(`${p}.`))!).sort(),
  );
});

for (const name of ours.keys()) {
  test(`${name}: names, scope, versions and subresources match`, () => {
    const a = ours.get(name)!,
      b = real.get(name)!;
    assert.equal(a.apiVersion, b.apiVersion);
    assert.equal(a.kind, b.kind);
    assert.equal(a.spec.group, b.spec.group);
    assert.equal(a.spec.names, b.spec.names, 'names (incl. absence of shortNames/categories)');
    assert.equal(a.spec.scope, b.spec.scope);
    assert.equal(a.spec.versions.length, b.spec.versions.length);
    const [va, vb] = [a.spec.versions[0], b.spec.versions[0]];
    assert.equal(va.name, vb.name);
    assert.equal([va.served, va.storage], [vb.served, vb.storage]);
    assert.equal(va.subresources, vb.subresources);
  });

  test(`${name}: printer columns match (name, type, jsonPath, priority, order)`, () => {
    const cols = (crd: Json) =>
      (crd.spec.versions[0].additionalPrinterColumns ?? []).map((c: Json) => ({
        name: c.name,
        type: c.type,
        jsonPath: c.jsonPath,
        priority: c.priority ?? 0,
      }));
    assert.equal(cols(ours.get(name)!), cols(real.get(name)!));
  });

  test(`${name}: openAPIV3Schema matches field by field`, () => {
    const diffs = schemaDifferences(
      ours.get(name)!.spec.versions[0].schema.openAPIV3Schema,
      real.get(name)!.spec.versions[0].schema.openAPIV3Schema,
      '',
      [],
    );
    assert.equal(diffs, []);
  });
}

test('the comparison itself detects a changed type, a missing property and a dropped CEL rule', () => {
  const table = structuredClone(ours.get('tables.dynamodb.services.k8s.aws')!.spec.versions[0].schema.openAPIV3Schema);
  const reference = real.get('tables.dynamodb.services.k8s.aws')!.spec.versions[0].schema.openAPIV3Schema;
  table.properties.spec.properties.tableName.type = 'integer';
  delete table.properties.status.properties.itemCount;
  delete table.properties.spec.properties.keySchema['x-kubernetes-validations'];
  const diffs = schemaDifferences(table, reference, '', []);
  assert.ok(diffs.some((d) => d.startsWith('.spec.tableName.type')));
  assert.ok(diffs.some((d) => d === '.status.itemCount: missing'));
  assert.ok(diffs.some((d) => d.startsWith('.spec.keySchema.x-kubernetes-validations')));
});

test('the installed CRDs are the upstream files, unchanged (what kubectl diff and server-side apply compare)', () => {
  const reference = referenceCrds();
  const installed = ackCustomResourceDefinitions();
  assert.equal(
    installed.map((crd) => crd.metadata.name).sort(),
    SHIPPED.map((p) => reference.get([...reference.keys()].find((n) => n.startsWith(`${p}.`))!)!.metadata.name).sort(),
  );
  for (const crd of installed) assert.equal(crd, reference.get(crd.metadata.name!), crd.metadata.name);
});

test.run();
