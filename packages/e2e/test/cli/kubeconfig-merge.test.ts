// `up --kubeconfig ~/.kube/config` merges into a kubeconfig that has other clusters (as kind, k3d and minikube do)
// and `ack-local kubeconfig --remove` takes ack-local out again; the real kubectl reads the result.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { startTestStack, type TestStack } from '../../src/stack.js';
import { hasCommand, skipLoudly, sh } from '../../src/tools.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ack-local-kubeconfig-'));
const kubeconfig = join(dir, 'config');

// A user's kubeconfig: two clusters of their own, one of them current, with a preference and an extension.
const USERS_OWN = `apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster: { server: 'https://prod.example:6443', certificate-authority-data: AAAA }
  - name: kind-dev
    cluster: { server: 'https://127.0.0.1:40000' }
contexts:
  - name: prod
    context: { cluster: prod, user: prod-admin, namespace: payments }
  - name: kind-dev
    context: { cluster: kind-dev, user: kind-dev }
users:
  - name: prod-admin
    user: { token: secret-prod }
  - name: kind-dev
    user: { client-certificate-data: BBBB }
current-context: prod
preferences: { colors: true }
`;

let stack: TestStack | undefined;

test.after(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = (config: any, list: string) => (config[list] as { name: string }[]).map((e) => e.name).sort();
const cli = (args: string[]) =>
  spawnSync(
    process.execPath,
    ['--conditions=ack-local-source', '--import', 'tsx', 'packages/cli/src/main.ts', ...args],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );

test('up --kubeconfig merges: adds ack-local, keeps every other entry, makes ack-local current', async () => {
  writeFileSync(kubeconfig, USERS_OWN, { mode: 0o600 });
  stack = await startTestStack({ kubeconfig });
  const merged = parse(readFileSync(kubeconfig, 'utf8'));
  assert.equal(names(merged, 'clusters'), ['ack-local', 'kind-dev', 'prod']);
  assert.equal(names(merged, 'contexts'), ['ack-local', 'kind-dev', 'prod']);
  assert.equal(names(merged, 'users'), ['ack-local', 'kind-dev', 'prod-admin']);
  assert.is(merged['current-context'], 'ack-local');
  assert.equal(merged.preferences, { colors: true });
  const prod = merged.contexts.find((c: any) => c.name === 'prod');
  assert.equal(prod.context, { cluster: 'prod', user: 'prod-admin', namespace: 'payments' });
  assert.is(merged.users.find((u: any) => u.name === 'prod-admin').user.token, 'secret-prod');
  assert.is(merged.clusters.find((c: any) => c.name === 'ack-local').cluster.server, stack.kubeUrl);
});

test('a second merge updates ack-local in place (no duplicates)', async () => {
  const again = await startTestStack({ kubeconfig });
  await again.close();
  const merged = parse(readFileSync(kubeconfig, 'utf8'));
  assert.equal(names(merged, 'clusters'), ['ack-local', 'kind-dev', 'prod']);
  assert.is(merged.clusters.find((c: any) => c.name === 'ack-local').cluster.server, again.kubeUrl);
});

if (!hasCommand('kubectl', ['version', '--client'])) {
  skipLoudly('kubeconfig merge read by kubectl', 'kubectl is not installed');
} else {
  test('kubectl sees all contexts, talks to ack-local through the merged file, and to prod by --context', async () => {
    await stack?.close(); // the previous test pointed ack-local's entry at a stack that is gone now
    stack = await startTestStack({ kubeconfig });
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig };
    const contexts = await sh('kubectl config get-contexts -o name | sort', env);
    assert.is(contexts.stdout.trim(), 'ack-local\nkind-dev\nprod', contexts.stderr);
    const current = await sh('kubectl config current-context', env);
    assert.is(current.stdout.trim(), 'ack-local');
    const ns = await sh('kubectl get namespace carts -o name', env);
    assert.is(ns.stdout.trim(), 'namespace/carts', ns.stderr);
    const prod = await sh(
      'kubectl config view --context prod --minify -o jsonpath="{.clusters[0].cluster.server}"',
      env,
    );
    assert.is(prod.stdout.trim(), 'https://prod.example:6443', prod.stderr);
  });
}

test('ack-local kubeconfig --remove takes out only ack-local; current-context is left empty, as it pointed at it', () => {
  const removed = cli(['kubeconfig', '--remove', '--kubeconfig', kubeconfig]);
  assert.is(removed.status, 0, removed.stderr);
  assert.match(removed.stdout, `removed the ack-local cluster, user and context from ${kubeconfig}`);
  const left = parse(readFileSync(kubeconfig, 'utf8'));
  assert.equal(names(left, 'clusters'), ['kind-dev', 'prod']);
  assert.equal(names(left, 'contexts'), ['kind-dev', 'prod']);
  assert.equal(names(left, 'users'), ['kind-dev', 'prod-admin']);
  assert.is(left['current-context'], '');
  const again = cli(['kubeconfig', '--remove', '--kubeconfig', kubeconfig]);
  assert.is(again.status, 0);
  assert.match(again.stdout, 'nothing to remove');
});

test('--remove defaults to $KUBECONFIG; a kubeconfig that is not YAML is refused in one line, untouched', () => {
  const other = join(dir, 'other');
  writeFileSync(other, USERS_OWN.replace('current-context: prod', 'current-context: ack-local'));
  const r = spawnSync(
    process.execPath,
    ['--conditions=ack-local-source', '--import', 'tsx', 'packages/cli/src/main.ts', 'kubeconfig', '--remove'],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, KUBECONFIG: other } },
  );
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, `${other} has no ack-local entries`);
  const broken = join(dir, 'broken');
  writeFileSync(broken, 'clusters: [unclosed\n');
  const refused = cli(['kubeconfig', '--remove', '--kubeconfig', broken]);
  assert.is(refused.status, 1);
  assert.is(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  assert.match(refused.stderr, /^ack-local: the kubeconfig .*broken is not valid YAML/);
  assert.is(readFileSync(broken, 'utf8'), 'clusters: [unclosed\n');
});

test.run();
