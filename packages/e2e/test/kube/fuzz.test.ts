// Fuzzing the kube-apiserver over HTTP (issue 19): random and mutated bodies, every patch type, deep nesting,
// huge and odd values, prototype and directive keys, odd query parameters and content types. Whatever comes in,
// the answer is a Status in the 2xx-4xx range (no 5xx: none is deliberate on this side), the server keeps
// answering, and memory stays bounded. A fixed seed in CI; ACK_LOCAL_FUZZ_SEED and ACK_LOCAL_FUZZ_ITERATIONS
// (e.g. 20000) for a longer run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request } from 'undici';
import { exampleCrd, startKube, type KubeHarness } from '../../src/kube.js';
import { rawRequest } from '../../src/raw-http.js';

const SEED = Number(process.env.ACK_LOCAL_FUZZ_SEED ?? 19);
const ITERATIONS = Number(process.env.ACK_LOCAL_FUZZ_ITERATIONS ?? 400);
const NS = '/api/v1/namespaces/default';
const THINGS = '/apis/example.com/v1/namespaces/default/things';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const chance = (p: number) => random() < p;

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  '',
  ' ',
  '.',
  '..',
  '$patch',
  '$retainKeys',
  '$setElementOrder/data',
  '$deleteFromPrimitiveList/finalizers',
  'a/b',
  '~0',
  '~1',
  'k'.repeat(300),
  'ünï',
  '\u0000',
  'metadata',
  'apiVersion',
  'kind',
  'status',
  'spec',
  'x-y_z.w',
];
const ODD_STRINGS = [
  '',
  'x',
  '\u0000',
  '\ud800',
  '🦆',
  '${HOME}',
  '<script>',
  '"quoted"',
  '\\',
  'a'.repeat(70_000),
  '0',
  'true',
  'null',
  '-1',
  '1e309',
  '2026-13-45T99:99:99Z',
  '@@@',
  'default',
  'kube-system',
];
const NAMES = ['fz-a', 'fz-b', 'fz-c', 'Bad_Name', '', 'x'.repeat(300), '..', 'fz-a.b', '-fz'];

function oddValue(depth = 0): unknown {
  switch (int(depth > 4 ? 5 : 8)) {
    case 0:
      return pick(ODD_STRINGS);
    case 1:
      return pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, 0.1]);
    case 2:
      return pick([true, false, null]);
    case 3:
      return `s${int(1000)}`;
    case 4:
      return int(100);
    case 5:
      return Array.from({ length: int(4) }, () => oddValue(depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(4); i > 0; i--)
        Object.defineProperty(o, pick(ODD_KEYS), {
          value: oddValue(depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return o;
    }
  }
}

const nestedJson = (levels: number, open = '{"a":', close = '}') => `${open.repeat(levels)}1${close.repeat(levels)}`;

function validObject(kind: 'cm' | 'thing' | 'secret'): Record<string, unknown> {
  const name = pick(NAMES);
  if (kind === 'thing')
    return {
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name, labels: { app: 'fuzz' } },
      spec: { a: 1, list: [1, 2] },
    };
  if (kind === 'secret') return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData: { k: 'v' } };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { app: 'fuzz' } }, data: { k: 'v' } };
}

/** Replaces, removes or adds a random field somewhere in the object. */
function mutate(value: unknown, rounds = 1 + int(3)): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (let r = 0; r < rounds; r++) {
    let node: Record<string, unknown> = copy;
    for (let d = 0; d < 3; d++) {
      const keys = Object.keys(node);
      const key = keys.length ? pick(keys) : undefined;
      const child = key !== undefined ? node[key] : undefined;
      if (child && typeof child === 'object' && !Array.isArray(child) && chance(0.6))
        node = child as Record<string, unknown>;
      else break;
    }
    const key = chance(0.5) && Object.keys(node).length ? pick(Object.keys(node)) : pick(ODD_KEYS);
    if (chance(0.2)) delete node[key];
    else Object.defineProperty(node, key, { value: oddValue(), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function jsonPatch(): unknown[] {
  const paths = [
    '/metadata/labels/app',
    '/metadata/annotations',
    '/data/k',
    '/data',
    '/spec/a',
    '/spec/list/0',
    '/spec/list/-',
    '/metadata/name',
    '/kind',
    '',
    '/x~1y',
    '/data/__proto__',
    '/metadata/finalizers/0',
  ];
  return Array.from({ length: 1 + int(chance(0.05) ? 12_000 : 6) }, () => {
    const op = pick(['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus']);
    return { op, path: pick(paths), from: pick(paths), ...(chance(0.9) ? { value: oddValue() } : {}) };
  });
}

function copyBomb(): unknown[] {
  return Array.from({ length: 25 }, (_, i) => ({ op: 'copy', from: '/metadata', path: `/metadata/annotations/k${i}` }));
}

interface FuzzRequest {
  /** A watch: its stream is not read to the end (a timeoutSeconds of 0 means the default 30-60 minutes). */
  watch?: boolean;
  method: string;
  path: string;
  contentType?: string;
  body?: string;
}

function nextRequest(): FuzzRequest {
  const kind = pick(['cm', 'thing', 'secret'] as const);
  const collection = kind === 'thing' ? THINGS : kind === 'secret' ? `${NS}/secrets` : `${NS}/configmaps`;
  const item = `${collection}/${encodeURIComponent(pick(NAMES))}`;
  const query = chance(0.3)
    ? `?${pick(['dryRun=All', 'fieldValidation=Strict', 'fieldValidation=Warn', 'fieldManager=fz', 'force=true', 'resourceVersion=abc', 'limit=-1', 'continue=zzz', 'labelSelector=app%20in%20(', 'fieldSelector=spec.x%3D1', 'labelSelector=constructor', 'fieldManager=fz&force=true', 'timeoutSeconds=0'])}`
    : '';
  const body = (): string => {
    const r = int(10);
    if (r === 0) return nestedJson(600 + int(5_000), pick(['{"a":', '[']), '}');
    if (r === 1) return Buffer.from(Array.from({ length: int(200) }, () => int(256))).toString('latin1');
    if (r === 2) return JSON.stringify(validObject(kind)).slice(0, int(80));
    return JSON.stringify(chance(0.7) ? mutate(validObject(kind)) : oddValue());
  };
  switch (int(9)) {
    case 0:
    case 1:
      return {
        method: 'POST',
        path: collection + query,
        contentType: pick(['application/json', 'application/json', 'application/yaml', 'text/plain', '']),
        body: body(),
      };
    case 2:
      return { method: 'PUT', path: item + query, contentType: 'application/json', body: body() };
    case 3: {
      const type = pick([
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
        'application/apply-patch+yaml',
        'application/json-patch+json',
        'application/x-bogus',
      ]);
      const patch =
        type === 'application/json-patch+json' ? JSON.stringify(chance(0.1) ? copyBomb() : jsonPatch()) : body();
      const manager =
        type === 'application/apply-patch+yaml' && chance(0.8) ? `${query ? '&' : '?'}fieldManager=fz` : '';
      return { method: 'PATCH', path: item + query + manager, contentType: type, body: patch };
    }
    case 4:
      return {
        method: 'PATCH',
        path: `${collection}/fz-a`,
        contentType: 'application/json-patch+json',
        body: JSON.stringify(jsonPatch()),
      };
    case 5:
      return { method: 'GET', path: (chance(0.5) ? collection : item) + query };
    case 6:
      return {
        method: 'DELETE',
        path: (chance(0.2) ? collection : item) + query,
        ...(chance(0.3) ? { contentType: 'application/json', body: body() } : {}),
      };
    case 7:
      return { watch: true, method: 'GET', path: `${collection}?watch=true${query.replace('?', '&')}` };
    default: {
      // make sure fz-a exists often, so patches and updates reach the engines rather than 404
      return {
        method: 'POST',
        path: collection,
        contentType: 'application/json',
        body: JSON.stringify({ ...validObject(kind), metadata: { name: 'fz-a', labels: { app: 'fuzz' } } }),
      };
    }
  }
}

let kube: KubeHarness;
test.before(async () => {
  kube = await startKube({ crds: [exampleCrd('things', 'Thing')] });
});
test.after(async () => {
  await kube.close();
});

test(`fuzz: ${ITERATIONS} requests (seed ${SEED}) — no 5xx, server up, memory bounded`, async () => {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < ITERATIONS; i++) {
    const req = nextRequest();
    if (req.watch) {
      const res = await request(`${kube.url}${req.path}`);
      res.body.on('error', () => {}); // aborting our own read is not a failure
      res.body.destroy();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) failures.push(`#${i} GET ${req.path} → ${res.statusCode}`);
      continue;
    }
    const res = await rawRequest(kube.url, req.method, req.path, {
      body: req.body,
      ...(req.contentType !== undefined ? { contentType: req.contentType } : {}),
    });
    const text = res.text;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500)
      failures.push(
        `#${i} ${req.method} ${req.path} ${req.contentType} ${String(req.body).slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`,
      );
    else if (res.status >= 400 && !text.includes('"kind":"Status"'))
      failures.push(`#${i} ${req.method} ${req.path}: ${res.status} without a Status body: ${text.slice(0, 200)}`);
    if (i % 50 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `fuzz seed ${SEED}: ${[...statuses.entries()]
      .sort()
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}; RSS +${Math.round((peak - rssBefore) / 2 ** 20)} MiB`,
  );
  assert.equal(failures, [], failures.join('\n'));
  const health = await request(`${kube.url}/healthz`);
  assert.is(health.statusCode, 200);
  assert.is(await health.body.text(), 'ok');
  // every body is at most 3 MB and every patch bounded: the process never needs more than a few hundred MiB
  assert.ok(peak - rssBefore < 768 * 2 ** 20, `RSS grew by ${Math.round((peak - rssBefore) / 2 ** 20)} MiB`);
  assert.ok(statuses.size > 3, 'the fuzzer reaches more than a handful of outcomes');
});

test.run();
