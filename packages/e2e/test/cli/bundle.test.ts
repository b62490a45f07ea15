// What `scripts/up` runs is the esbuild bundle, not the sources the other tests import: build it and check with
// the real kubectl that every part of the kube API made it into the bundle (discovery, OpenAPI for apply,
// protobuf bodies, server-side apply), and that the workshop Table syncs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasCommand, skipLoudly, sh } from '../../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

if (!hasCommand('kubectl', ['version', '--client'])) {
  skipLoudly('bundled CLI with kubectl', 'kubectl is not installed');
} else {
  test('the bundled `ack-local up` serves kubectl: get crd, create namespace, apply, wait, apply --server-side', async () => {
    const built = spawnSync(process.execPath, ['packages/cli/bundle.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    assert.is(built.status, 0, built.stderr);
    const dataDir = mkdtempSync(join(tmpdir(), 'ack-local-bundle-'));
    const home = mkdtempSync(join(tmpdir(), 'ack-local-bundle-home-'));
    const child = spawn(
      process.execPath,
      [
        'packages/cli/bin/ack-local.mjs',
        'up',
        '--data-dir',
        dataDir,
        '--dynamodb-port',
        '0',
        '--kube-port',
        '0',
        '--log-format',
        'json',
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const t0 = Date.now();
      while (!out.includes('ack-local is up')) {
        if (Date.now() - t0 > 120_000 || child.exitCode !== null) throw new Error(`not up:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        KUBECONFIG: join(dataDir, 'kubeconfig'),
        EKS_CLUSTER_AUTO_NAME: 'bundle',
      };
      const run = (script: string) => sh(script, env, { cwd: repoRoot, timeoutMs: 120_000 });
      const crd = await run(`kubectl get crd tables.dynamodb.services.k8s.aws -o jsonpath='{.spec.names.kind}'`);
      assert.is(crd.stdout, 'Table', crd.stderr);
      const ns = await run('kubectl create namespace bundled');
      assert.is(ns.stdout.trim(), 'namespace/bundled created', ns.stderr);
      const applied = await run('kubectl kustomize examples/workshop | envsubst | kubectl apply -f -');
      assert.is(applied.stdout.trim(), 'table.dynamodb.services.k8s.aws/items created', applied.stderr);
      const waited = await run(
        'kubectl wait table.dynamodb.services.k8s.aws items -n carts --for=condition=ACK.ResourceSynced --timeout=60s',
      );
      assert.is(waited.stdout.trim(), 'table.dynamodb.services.k8s.aws/items condition met', waited.stderr);
      const ssa = await run('kubectl kustomize examples/workshop | envsubst | kubectl apply --server-side -f -');
      assert.is(ssa.stdout.trim(), 'table.dynamodb.services.k8s.aws/items serverside-applied', ssa.stderr);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });
}

test.run();
