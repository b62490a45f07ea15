import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyStructuralSchema } from '../src/schema/structural.js';
import { unsupportedRules } from '../src/schema/transition-rules.js';
import { customResourceDefinitionKind } from '../src/registry/kinds/custom-resource-definition.js';
import { openRegistry, statusOf, TABLES, tableCrd, tableObject } from './helpers.js';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 5 },
        mode: { type: 'string', enum: ['A', 'B'], default: 'A' },
        count: { type: 'integer', minimum: 1, maximum: 10 },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        tags: {
          type: 'array',
          items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string', default: '-' } } },
        },
        keys: {
          type: 'array',
          items: { type: 'string' },
          'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable once set' }],
        },
        when: { type: 'string', format: 'date-time' },
        port: { 'x-kubernetes-int-or-string': true },
      },
    },
  },
};

test('prunes unknown fields (reported with their paths), keeps preserve-unknown-fields subtrees', () => {
  const o: Record<string, unknown> = {
    spec: { name: 'a', extra: 1, free: { anything: { deep: true } }, tags: [{ key: 'k', junk: 1 }] },
    top: 1,
  };
  const r = applyStructuralSchema(schema, o);
  assert.equal(r.unknownFields.sort(), ['spec.extra', 'spec.tags[0].junk', 'top']);
  assert.equal(o, {
    spec: { name: 'a', free: { anything: { deep: true } }, tags: [{ key: 'k', value: '-' }], mode: 'A' },
  });
  assert.equal(r.errors, []);
});

test('applies defaults (also inside list items) and drops nulls of non-nullable fields before defaulting', () => {
  const o: Record<string, unknown> = { spec: { name: 'a', mode: null } };
  applyStructuralSchema(schema, o);
  assert.equal((o.spec as { mode: string }).mode, 'A');
});

test('validates type, enum, required, bounds, maxLength, format, int-or-string with the real messages', () => {
  const o = { spec: { mode: 'C', count: 11, when: 'yesterday', port: true, keys: 'x' } };
  const r = applyStructuralSchema(schema, o);
  const byField = Object.fromEntries(r.errors.map((e) => [e.field, `${e.type}: ${e.message}`]));
  assert.is(byField['spec.name'], 'FieldValueRequired: Required value');
  assert.is(byField['spec.mode'], 'FieldValueNotSupported: Unsupported value: "C": supported values: "A", "B"');
  assert.is(
    byField['spec.count'],
    'FieldValueInvalid: Invalid value: 11: spec.count in body should be less than or equal to 10',
  );
  assert.is(
    byField['spec.when'],
    'FieldValueInvalid: Invalid value: "yesterday": spec.when in body must be of type date-time: "yesterday"',
  );
  assert.is(
    byField['spec.keys'],
    'FieldValueTypeInvalid: Invalid value: "string": spec.keys in body must be of type array: "string"',
  );
  assert.ok(byField['spec.port']);
  const long = applyStructuralSchema(schema, { spec: { name: 'toolong' } });
  assert.is(long.errors[0]!.message, 'Too long: may not be more than 5 bytes');
});

test('transition rule self == oldSelf: immutable once set, free to set the first time', () => {
  assert.equal(applyStructuralSchema(schema, { spec: { name: 'a', keys: ['x'] } }, { spec: { name: 'a' } }).errors, []);
  assert.equal(
    applyStructuralSchema(schema, { spec: { name: 'a', keys: ['x'] } }, { spec: { name: 'a', keys: ['x'] } }).errors,
    [],
  );
  const r = applyStructuralSchema(schema, { spec: { name: 'a', keys: ['y'] } }, { spec: { name: 'a', keys: ['x'] } });
  assert.equal(
    r.errors.map((e) => `${e.field}: ${e.message}`),
    ['spec.keys: Invalid value: "array": Value is immutable once set'],
  );
});

test('unsupported CEL rules are reported (and ignored), the immutable form is not', () => {
  const s = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        'x-kubernetes-validations': [{ rule: 'self.a > 1' }],
        properties: { k: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] } },
      },
    },
  };
  assert.equal(unsupportedRules(s), [{ path: 'spec', rule: 'self.a > 1' }]);
  assert.equal(applyStructuralSchema(s, { spec: { k: 'a' } }, { spec: { k: 'a' } }).errors, []);
  assert.equal(
    unsupportedRules(
      (tableCrd().spec as { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] }).versions[0]!.schema
        .openAPIV3Schema,
    ),
    [],
  );
});

test('the ACK Table CRD: keySchema is immutable through the registry (422 with the CRD message)', async () => {
  const t = openRegistry();
  try {
    const tables = t.registry.resolveGvr(TABLES);
    t.registry.store.create(tables, 'default', tableObject('items'));
    const s = statusOf(() =>
      t.registry.store.patch(tables, 'default', 'items', 'merge', {
        spec: { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }] },
      }),
    );
    assert.is(s.code, 422);
    assert.is(
      s.message,
      'Table.dynamodb.services.k8s.aws "items" is invalid: spec.keySchema: Invalid value: "array": Value is immutable once set',
    );
    // other spec fields stay mutable
    t.registry.store.patch(tables, 'default', 'items', 'merge', { spec: { tableClass: 'STANDARD' } });
  } finally {
    await t.close();
  }
});

test('fieldValidation: Strict rejects unknown fields (400), Warn reports them, Ignore prunes silently', async () => {
  const t = openRegistry();
  try {
    const tables = t.registry.resolveGvr(TABLES);
    const body = () => ({
      ...tableObject('items'),
      spec: { ...(tableObject('items').spec as object), billingModeX: 'A' },
    });
    const strict = statusOf(() => t.registry.store.create(tables, 'default', body(), { fieldValidation: 'Strict' }));
    assert.is(strict.code, 400);
    assert.is(
      strict.message,
      'Table in version "v1alpha1" cannot be handled as a Table: strict decoding error: unknown field "spec.billingModeX"',
    );
    const warn = t.registry.store.create(tables, 'default', body(), { fieldValidation: 'Warn' });
    assert.equal(warn.warnings, ['unknown field "spec.billingModeX"']);
    assert.is((warn.object.spec as Record<string, unknown>).billingModeX, undefined);
    const ignore = t.registry.store.create(
      tables,
      'default',
      { ...body(), metadata: { name: 'other' } },
      { fieldValidation: 'Ignore' },
    );
    assert.equal(ignore.warnings, []);
  } finally {
    await t.close();
  }
});

test('writing a CRD with rules this server cannot evaluate answers with a warning naming them', async () => {
  const t = openRegistry({ crds: [] });
  try {
    const crd = tableCrd();
    const schema = (crd.spec as any).versions[0].schema.openAPIV3Schema;
    schema.properties.spec['x-kubernetes-validations'] = [{ rule: 'has(self.tableName)', message: 'needs a name' }];
    const { warnings } = t.registry.store.create(customResourceDefinitionKind, undefined, crd);
    assert.equal(warnings, [
      'v1alpha1: x-kubernetes-validations rule "has(self.tableName)" at spec is not evaluated by this server (only "self == oldSelf" is) and is ignored',
    ]);
    const plain = t.registry.store.update(
      customResourceDefinitionKind,
      undefined,
      'tables.dynamodb.services.k8s.aws',
      { ...tableCrd() },
      { dryRun: true },
    );
    assert.equal(plain.warnings, [], 'the immutable rule form is supported: no warning');
  } finally {
    await t.close();
  }
});

test.run();
