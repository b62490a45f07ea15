import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { decodeProtobufObject } from '../../src/protobuf/index.js';
import { StatusError } from '../../src/errors.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.bin`, import.meta.url));

// Hand encoder for the cases kubectl does not produce on demand (binaryData, labels, finalizers).
const varint = (n: number): Buffer => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
};
const ld = (field: number, body: Buffer | string): Buffer => {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([varint((field << 3) | 2), varint(b.length), b]);
};
const entry = (field: number, k: string, v: Buffer | string) => ld(field, Buffer.concat([ld(1, k), ld(2, v)]));
const envelope = (apiVersion: string, kind: string, raw: Buffer) =>
  Buffer.concat([
    Buffer.from('k8s\0', 'latin1'),
    ld(1, Buffer.concat([ld(1, apiVersion), ld(2, kind)])),
    ld(2, raw),
    ld(3, ''),
    ld(4, ''),
  ]);

test('kubectl create namespace body decodes to a Namespace', () => {
  assert.equal(decodeProtobufObject(fixture('ns')), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'carts' },
    spec: {},
    status: {},
  });
});

test('kubectl create configmap body keeps its data map', () => {
  assert.equal(decodeProtobufObject(fixture('cm')), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg', namespace: 'carts' },
    data: { a: '1', b: 'two' },
  });
  assert.equal((decodeProtobufObject(fixture('cm-bin')) as any).data, { bin: '\u0000\u0001bin' });
});

test('kubectl create secret generic body: data bytes become base64, type kept', () => {
  assert.equal(decodeProtobufObject(fixture('secret')), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'sec', namespace: 'carts' },
    data: { password: Buffer.from('s3cr3t').toString('base64') },
    type: 'Opaque',
  });
  const typed = decodeProtobufObject(fixture('secret-typed')) as any;
  assert.is(typed.type, 'kubernetes.io/basic-auth');
  assert.equal(Object.keys(typed.data).sort(), ['k', 'password', 'username']);
  assert.is(Buffer.from(typed.data.username, 'base64').toString(), 'u');
});

test('ObjectMeta labels, annotations, finalizers, generateName and binaryData decode', () => {
  const meta = Buffer.concat([
    ld(2, 'gen-'),
    ld(3, 'ns1'),
    ld(6, '42'),
    entry(11, 'app', 'x'),
    entry(12, 'note', 'hi'),
    ld(14, 'f/one'),
    ld(14, 'f/two'),
  ]);
  const raw = Buffer.concat([ld(1, meta), entry(3, 'blob', Buffer.from([0xff, 0x00]))]);
  assert.equal(decodeProtobufObject(envelope('v1', 'ConfigMap', raw)), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      generateName: 'gen-',
      namespace: 'ns1',
      resourceVersion: '42',
      labels: { app: 'x' },
      annotations: { note: 'hi' },
      finalizers: ['f/one', 'f/two'],
    },
    binaryData: { blob: Buffer.from([0xff, 0x00]).toString('base64') },
  });
});

test('namespace spec.finalizers decode', () => {
  const raw = Buffer.concat([ld(1, ld(1, 'n')), ld(2, ld(1, 'kubernetes'))]);
  assert.equal((decodeProtobufObject(envelope('v1', 'Namespace', raw)) as any).spec, { finalizers: ['kubernetes'] });
});

const statusOf = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
};

test('garbage is a 400 BadRequest', () => {
  assert.is(statusOf(() => decodeProtobufObject(Buffer.from('{"kind":"Namespace"}'))).code, 400);
  assert.is(statusOf(() => decodeProtobufObject(fixture('ns').subarray(0, 30))).code, 400);
  assert.is(
    statusOf(() => decodeProtobufObject(Buffer.concat([Buffer.from('k8s\0', 'latin1'), Buffer.from([0x0f, 0xff])])))
      .code,
    400,
  );
});

test('a kind without a decoder is 415, not a silent misread', () => {
  const err = statusOf(() => decodeProtobufObject(envelope('v1', 'PodTemplate', ld(1, ld(1, 'p')))));
  assert.is(err.code, 415);
  assert.is(err.reason, 'UnsupportedMediaType');
});

test('a workload kind decodes its metadata only: enough for admission to refuse it by name', () => {
  const pod = decodeProtobufObject(envelope('v1', 'Pod', ld(1, ld(1, 'web')))) as Record<string, any>;
  assert.equal(pod, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' } });
});

test.run();
