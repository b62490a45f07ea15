// Decodes the protobuf bodies kubectl's typed clients POST (`kubectl create namespace|configmap|secret`):
// the `k8s\0` magic, a runtime.Unknown envelope {1: TypeMeta, 2: raw, 3: contentEncoding, 4: contentType}
// and the typed message inside, field numbers from k8s.io/api/core/v1/generated.proto.
import type { KubeObject, ObjectMeta } from '../api.js';
import { StatusError, badRequest } from '../errors.js';
import { Message, WireError } from './wire.js';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Decoder = (raw: Message) => Record<string, unknown>;

const decoders: Record<string, Decoder> = {
  'v1/Namespace': decodeNamespace,
  'v1/ConfigMap': decodeConfigMap,
  'v1/Secret': decodeSecret,
  // `kubectl auth can-i` / `kubectl auth whoami` post these (k8s.io/api/authorization|authentication generated.proto)
  'authorization.k8s.io/v1/SelfSubjectAccessReview': decodeSelfSubjectAccessReview,
  'authentication.k8s.io/v1/SelfSubjectReview': (raw) => ({ metadata: decodeObjectMeta(raw.message(1)) }),
  'authentication.k8s.io/v1beta1/SelfSubjectReview': (raw) => ({ metadata: decodeObjectMeta(raw.message(1)) }),
  'authentication.k8s.io/v1alpha1/SelfSubjectReview': (raw) => ({ metadata: decodeObjectMeta(raw.message(1)) }),
  // Workloads (`kubectl create deployment`, `kubectl run`): every create of them is refused by admission, which
  // needs only the name, so only their metadata (field 1 in every top-level message) is read.
  ...Object.fromEntries(
    [
      'v1/Pod',
      'v1/Service',
      'v1/Endpoints',
      'v1/ReplicationController',
      'v1/PersistentVolumeClaim',
      'v1/PersistentVolume',
      'apps/v1/Deployment',
      'apps/v1/ReplicaSet',
      'apps/v1/StatefulSet',
      'apps/v1/DaemonSet',
      'batch/v1/Job',
      'batch/v1/CronJob',
      'networking.k8s.io/v1/Ingress',
    ].map((gvk): [string, Decoder] => [gvk, (raw) => ({ metadata: decodeObjectMeta(raw.message(1)) })]),
  ),
};

export function decodeProtobufObject(body: Buffer): KubeObject {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badRequest('protobuf body does not start with the k8s\\0 magic');
  }
  try {
    const unknown = new Message(body.subarray(MAGIC.length));
    const typeMeta = unknown.message(1);
    const apiVersion = typeMeta?.string(1) ?? '';
    const kind = typeMeta?.string(2) ?? '';
    const encoding = unknown.string(3) ?? '';
    if (encoding !== '') throw badRequest(`unsupported protobuf contentEncoding "${encoding}"`);
    const decode = decoders[`${apiVersion}/${kind}`];
    if (!decode) {
      throw new StatusError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: 415,
        reason: 'UnsupportedMediaType',
        message: `protobuf encoding of ${apiVersion}, Kind=${kind} is not supported by this server; send application/json`,
      });
    }
    const raw = new Message(unknown.bytes(2) ?? Buffer.alloc(0));
    return { apiVersion, kind, ...decode(raw) } as KubeObject;
  } catch (err) {
    if (err instanceof WireError) throw badRequest(`malformed protobuf body: ${err.message}`);
    throw err;
  }
}

// Go's JSON encoding omits empty strings, maps and lists (omitempty); mirror that so the object looks the same
// as one sent as JSON.
function setIfPresent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined || value === '') return;
  if (Array.isArray(value) && value.length === 0) return;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return;
  target[key] = value;
}

function decodeObjectMeta(m: Message | undefined): ObjectMeta {
  const meta: Record<string, unknown> = {};
  if (!m) return meta;
  setIfPresent(meta, 'name', m.string(1));
  setIfPresent(meta, 'generateName', m.string(2));
  setIfPresent(meta, 'namespace', m.string(3));
  setIfPresent(meta, 'uid', m.string(5));
  setIfPresent(meta, 'resourceVersion', m.string(6));
  const generation = m.varint(7);
  if (generation) meta.generation = Number(generation);
  setIfPresent(
    meta,
    'labels',
    m.map(11, (e) => e.string(2) ?? ''),
  );
  setIfPresent(
    meta,
    'annotations',
    m.map(12, (e) => e.string(2) ?? ''),
  );
  setIfPresent(meta, 'finalizers', m.strings(14));
  return meta as ObjectMeta;
}

function decodeNamespace(raw: Message): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  setIfPresent(spec, 'finalizers', raw.message(2)?.strings(1) ?? []);
  const status: Record<string, unknown> = {};
  setIfPresent(status, 'phase', raw.message(3)?.string(1));
  return { metadata: decodeObjectMeta(raw.message(1)), spec, status };
}

function decodeConfigMap(raw: Message): Record<string, unknown> {
  const out: Record<string, unknown> = { metadata: decodeObjectMeta(raw.message(1)) };
  setIfPresent(
    out,
    'data',
    raw.map(2, (e) => e.string(2) ?? ''),
  );
  setIfPresent(
    out,
    'binaryData',
    raw.map(3, (e) => (e.bytes(2) ?? Buffer.alloc(0)).toString('base64')),
  );
  const immutable = raw.varint(4);
  if (immutable !== undefined) out.immutable = immutable !== 0n;
  return out;
}

function decodeSecret(raw: Message): Record<string, unknown> {
  const out: Record<string, unknown> = { metadata: decodeObjectMeta(raw.message(1)) };
  // Secret.data is map<string, bytes>; its JSON form is base64.
  setIfPresent(
    out,
    'data',
    raw.map(2, (e) => (e.bytes(2) ?? Buffer.alloc(0)).toString('base64')),
  );
  setIfPresent(out, 'type', raw.string(3));
  setIfPresent(
    out,
    'stringData',
    raw.map(4, (e) => e.string(2) ?? ''),
  );
  const immutable = raw.varint(5);
  if (immutable !== undefined) out.immutable = immutable !== 0n;
  return out;
}

const RESOURCE_ATTRIBUTES = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];

function decodeSelfSubjectAccessReview(raw: Message): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  const resource = raw.message(2)?.message(1);
  if (resource) {
    const attributes: Record<string, unknown> = {};
    RESOURCE_ATTRIBUTES.forEach((name, i) => setIfPresent(attributes, name, resource.string(i + 1)));
    spec.resourceAttributes = attributes;
  }
  const nonResource = raw.message(2)?.message(2);
  if (nonResource) {
    const attributes: Record<string, unknown> = {};
    setIfPresent(attributes, 'path', nonResource.string(1));
    setIfPresent(attributes, 'verb', nonResource.string(2));
    spec.nonResourceAttributes = attributes;
  }
  return { metadata: decodeObjectMeta(raw.message(1)), spec };
}
