// The commands attendees type by reflex, with the real kubectl of one minor (the dispatcher on PATH runs
// kubectl.1.<minor> by the server's /version): cluster-info, get pods / get all on an empty cluster, a refused
// workload create, auth can-i / whoami, apply --prune with the default allowlist, events.k8s.io, and (for the
// minors that need /openapi/v2) apply/diff/explain. Each step asserts kubectl's output as a user sees it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startKube, type KubeHarness } from '../../src/kube.js';
import { kubectlAvailable, kubectlFor, type KubectlResult } from '../../src/kubectl.js';
import { loadAckCrds } from './kubectl-flow.js';

const explain = (r: KubectlResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
const NO_WORKLOADS = 'ack-local runs no workloads (test message)';

export function reflexFlow(minor: string): void {
  const s = suite(`kubectl 1.${minor}: reflex commands`);
  if (!kubectlAvailable()) {
    console.log(`⚠ SKIPPED LOUDLY: kubectl 1.${minor} reflex commands: no runnable kubectl on PATH`);
    s.run();
    return;
  }
  let kube: KubeHarness;
  let k: ReturnType<typeof kubectlFor>;
  let work: string;
  let installed = true;
  s.before(async () => {
    kube = await startKube({
      version: { major: '1', minor },
      crds: loadAckCrds(),
      namespaces: ['carts'],
      noWorkloadsMessage: NO_WORKLOADS,
    });
    k = kubectlFor({ kubeconfigPath: kube.kubeconfigPath, home: kube.home });
    work = mkdtempSync(join(tmpdir(), 'reflex-'));
    const version = await k(['version', '-o', 'json']);
    const client = (JSON.parse(version.stdout || '{}') as { clientVersion?: { minor?: string } }).clientVersion;
    if (client?.minor !== minor) {
      installed = false;
      console.log(
        `⚠ SKIPPED LOUDLY: kubectl 1.${minor} is not installed here (the dispatcher ran 1.${client?.minor ?? '?'})`,
      );
    }
  });
  s.after(async () => {
    await kube.close();
    rmSync(work, { recursive: true, force: true });
  });
  const step = (name: string, fn: () => Promise<void>) =>
    s(name, async () => {
      if (installed) await fn();
    });

  step('cluster-info prints the control-plane line and exits 0', async () => {
    const r = await k(['cluster-info']);
    assert.is(r.code, 0, explain(r));
    // kubectl before 1.31 colours this line whatever NO_COLOR says
    const plain = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    assert.match(plain, `Kubernetes control plane is running at ${kube.url}`);
  });

  step('get pods and get all -n carts: "No resources found", exit 0', async () => {
    const pods = await k(['get', 'pods']);
    assert.is(pods.code, 0, explain(pods));
    assert.match(pods.stderr, 'No resources found in default namespace.');
    const all = await k(['get', 'all', '-n', 'carts']);
    assert.is(all.code, 0, explain(all));
    assert.match(all.stderr, 'No resources found in carts namespace.');
    const deploy = await k(['get', 'deploy,sts,ds,rs,jobs,cj', '-A']);
    assert.is(deploy.code, 0, explain(deploy));
  });

  step('get all in default shows the kubernetes Service as a cluster does', async () => {
    const r = await k(['get', 'all']);
    assert.is(r.code, 0, explain(r));
    assert.match(r.stdout, /service\/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\d+s/);
  });

  step('creating a workload is refused with a Forbidden Status that says why', async () => {
    const r = await k(['create', 'deployment', 'web', '--image=nginx']);
    assert.is(r.code, 1, explain(r));
    assert.match(r.stderr, `error: failed to create deployment: deployments.apps "web" is forbidden: ${NO_WORKLOADS}`);
    const pod = await k(['run', 'web', '--image=nginx']);
    assert.is(pod.code, 1, explain(pod));
    assert.match(pod.stderr, `pods "web" is forbidden: ${NO_WORKLOADS}`);
  });

  step('auth can-i answers yes, auth whoami names the local user', async () => {
    const can = await k(['auth', 'can-i', 'create', 'tables.dynamodb.services.k8s.aws', '-n', 'carts']);
    assert.is(can.code, 0, explain(can));
    assert.is(can.stdout.trim(), 'yes');
    const who = await k(['auth', 'whoami']);
    assert.is(who.code, 0, explain(who));
    assert.match(who.stdout, /Username\s+ack-local/);
    assert.match(who.stdout, /Groups\s+\[system:masters system:authenticated\]/);
  });

  step('apply --prune -l with the default allowlist prunes what left the manifest set', async () => {
    const cm = (name: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'carts', labels: { app: 'reflex' } },
      data: { k: name },
    });
    const dir = join(work, 'prune');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), stringify(cm('first')));
    writeFileSync(join(dir, 'b.yaml'), stringify(cm('second')));
    const applied = await k(['apply', '--prune', '-l', 'app=reflex', '-f', dir]);
    assert.is(applied.code, 0, explain(applied));
    assert.match(applied.stdout, 'configmap/first created');
    rmSync(join(dir, 'b.yaml'));
    const pruned = await k(['apply', '--prune', '-l', 'app=reflex', '-f', dir]);
    assert.is(pruned.code, 0, explain(pruned));
    assert.match(pruned.stdout, 'configmap/second pruned');
  });

  step('events.events.k8s.io lists the same events as core/v1', async () => {
    const create = await k(['create', '-f', '-'], {
      stdin: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'items.1', namespace: 'carts' },
        involvedObject: { kind: 'Table', name: 'items', namespace: 'carts' },
        reason: 'Created',
        message: 'Created table items',
        type: 'Normal',
        source: { component: 'ack-dynamodb-controller' },
      }),
    });
    assert.is(create.code, 0, explain(create));
    const r = await k(['get', 'events.events.k8s.io', '-n', 'carts', '-o', 'json']);
    assert.is(r.code, 0, explain(r));
    const list = JSON.parse(r.stdout) as { items: Record<string, any>[] };
    assert.is(list.items.length, 1);
    const event = list.items[0]!;
    assert.is(event.apiVersion, 'events.k8s.io/v1');
    assert.is(event.note, 'Created table items');
    assert.equal(event.regarding, { kind: 'Table', name: 'items', namespace: 'carts' });
    assert.is(event.deprecatedSource.component, 'ack-dynamodb-controller');
  });

  step('apply, diff and explain work (kubectl 1.27/1.28 read /openapi/v2 for them)', async () => {
    const table = {
      apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
      kind: 'Table',
      metadata: { name: 'items', namespace: 'carts' },
      spec: {
        tableName: 'items',
        billingMode: 'PAY_PER_REQUEST',
        attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
        keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      },
    };
    const file = join(work, 'table.yaml');
    writeFileSync(file, stringify(table));
    const applied = await k(['apply', '-f', file]);
    assert.is(applied.code, 0, explain(applied));
    assert.match(applied.stdout, 'table.dynamodb.services.k8s.aws/items created');
    const same = await k(['diff', '-f', file]);
    assert.is(same.code, 0, explain(same));
    writeFileSync(file, stringify({ ...table, spec: { ...table.spec, tableClass: 'STANDARD_INFREQUENT_ACCESS' } }));
    const changed = await k(['diff', '-f', file]);
    assert.is(changed.code, 1, explain(changed));
    assert.match(changed.stdout, '+  tableClass: STANDARD_INFREQUENT_ACCESS');
    const ex = await k(['explain', 'tables.spec.billingMode']);
    assert.is(ex.code, 0, explain(ex));
    assert.match(ex.stdout, 'billingMode');
    const cm = await k(['create', 'configmap', 'plain', '-n', 'carts', '--from-literal=a=b']);
    assert.is(cm.code, 0, explain(cm));
    const replaced = await k(['replace', '-f', file]);
    assert.is(replaced.code, 0, explain(replaced));
  });

  s.run();
}
