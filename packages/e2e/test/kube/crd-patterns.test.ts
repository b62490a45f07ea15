// CRD `pattern` validation never stalls the process. The real apiserver matches patterns with Go's RE2, in time
// linear in the input (k8s.io/apiextensions-apiserver validation; RE2 syntax: github.com/google/re2/wiki/Syntax);
// a backtracking engine takes exponential time on `^(a+)+$` against "aaaa…!", and both servers share one process.
// The Status shape and words are the apiserver's usual 422 Invalid ("<path> in body should match '<pattern>'").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleCrd, startKube, type KubeHarness } from '../../src/kube.js';
import { rawRequest } from '../../src/raw-http.js';

const patterned = (name: string, pattern: string) => ({ type: 'string', pattern, description: name });
const crd = exampleCrd('gadgets', 'Gadget', {
  type: 'object',
  properties: {
    evil: patterned('nested quantifier', '^(a+)+$'),
    letters: patterned('Unicode class', '^\\p{L}+$'),
    bounded: patterned('counted repeat', '^[a-z0-9]{1,63}$'),
  },
});

const PATH = '/apis/example.com/v1/namespaces/default/gadgets';
let kube: KubeHarness;
test.before(async () => {
  kube = await startKube({ crds: [crd] });
});
test.after(async () => {
  await kube.close();
});

const create = (name: string, spec: Record<string, string>) =>
  rawRequest(kube.url, 'POST', PATH, {
    body: { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name }, spec },
  });

test('a nested-quantifier pattern against a long near-match is a prompt 422, not a stall', async () => {
  const value = `${'a'.repeat(5000)}!`;
  const answer = await create('evil', { evil: value });
  assert.is(answer.status, 422);
  assert.is(answer.json.reason, 'Invalid');
  assert.is(answer.json.details.causes[0].field, 'spec.evil');
  assert.match(answer.json.details.causes[0].message, "spec.evil in body should match '^(a+)+$'");
  // The server still answers, and a matching value is accepted.
  assert.is((await create('good', { evil: 'aaaa' })).status, 201);
});

test('Unicode classes and counted repeats keep RE2 meaning', async () => {
  assert.is((await create('unicode', { letters: 'Ärger', bounded: 'abc-1'.replace('-', '') })).status, 201);
  const digits = await create('digits', { letters: '123' });
  assert.is(digits.status, 422);
  const tooLong = await create('too-long', { bounded: 'a'.repeat(64) });
  assert.is(tooLong.status, 422);
});

test.run();
