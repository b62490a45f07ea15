import { test } from 'uvu';
import { tempDir } from '../helpers.js';
import * as assert from 'uvu/assert';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { kubeconfigYaml, writeKubeconfig } from '../../src/kubeconfig.js';

test('kubeconfig: ack-local cluster/context/user, TLS verification skipped for http, a dummy token', () => {
  const cfg = parse(kubeconfigYaml('http://127.0.0.1:6443'));
  assert.is(cfg.kind, 'Config');
  assert.is(cfg['current-context'], 'ack-local');
  assert.equal(cfg.clusters, [
    { name: 'ack-local', cluster: { server: 'http://127.0.0.1:6443', 'insecure-skip-tls-verify': true } },
  ]);
  assert.equal(cfg.contexts, [{ name: 'ack-local', context: { cluster: 'ack-local', user: 'ack-local' } }]);
  assert.equal(cfg.users, [{ name: 'ack-local', user: { token: 'ack-local' } }]);
});

test('kubeconfig: context name and default namespace options; written owner-only', () => {
  const cfg = parse(kubeconfigYaml('http://127.0.0.1:1', { contextName: 'workshop', namespace: 'carts' }));
  assert.is(cfg['current-context'], 'workshop');
  assert.equal(cfg.contexts[0].context, { cluster: 'workshop', user: 'workshop', namespace: 'carts' });
  const path = join(tempDir('kcfg-'), 'config');
  writeKubeconfig(path, 'http://127.0.0.1:2');
  assert.is(parse(readFileSync(path, 'utf8')).clusters[0].cluster.server, 'http://127.0.0.1:2');
  assert.is(statSync(path).mode & 0o777, 0o600);
});

test.run();
