// The kubectl end-to-end flow, run once per kubectl minor (the dispatcher on PATH picks kubectl.1.<minor>
// from the server's /version). Every step asserts kubectl's stdout lines and exit codes, like a user would see.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments, stringify } from 'yaml';
import type { GroupVersionResource, KubeObject } from '@ack-local/kube-apiserver';
import { startKube, type KubeHarness } from '../../src/kube.js';
import { removeScratch, scratchDir } from '../../src/scratch.js';
import { kubectlAvailable, kubectlFor, type KubectlResult } from '../../src/kubectl.js';

const CRD_DIR = fileURLToPath(new URL('../../../../fixtures/ack-dynamodb-crds/', import.meta.url));
const TABLES: GroupVersionResource = { group: 'dynamodb.services.k8s.aws', version: 'v1alpha1', resource: 'tables' };
const EVENTS: GroupVersionResource = { group: '', version: 'v1', resource: 'events' };
const NAMESPACES: GroupVersionResource = { group: '', version: 'v1', resource: 'namespaces' };
const FINALIZER = 'finalizers.dynamodb.services.k8s.aws/Table';
const STRATEGIC_REFUSED =
  'error: application/strategic-merge-patch+json is not supported by dynamodb.services.k8s.aws/v1alpha1, Kind=Table: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

export function loadAckCrds(): KubeObject[] {
  return readdirSync(CRD_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(CRD_DIR, f), 'utf8')).map((d) => d.toJS() as KubeObject))
    .filter((o) => o?.kind === 'CustomResourceDefinition');
}

const tableManifest = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
  kind: 'Table',
  metadata: { name, namespace: 'carts' },
  spec: {
    tableName: name,
    billingMode: 'PAY_PER_REQUEST',
    tableClass: 'STANDARD',
    attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
    ...spec,
  },
});

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0);
const columns = (line: string) => line.trim().split(/\s{2,}|\s+/);
const explain = (r: KubectlResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export type FlowPart = 'apply' | 'lifecycle';

/** One part of the flow ('apply': apply/get/patch/diff/explain…; 'lifecycle': wait/delete/namespaces/protobuf creates),
 * each on its own server so that a file stays well inside the test runner's per-file time limit. */
export function kubectlFlow(minor: '31' | '32' | '33', part: FlowPart): void {
  const s = suite(`kubectl 1.${minor} (${part})`);
  const step = (parts: FlowPart[], name: string, fn: () => Promise<void>) => {
    if (parts.includes(part)) s(name, fn);
  };
  if (!kubectlAvailable()) {
    console.log(
      `⚠ SKIPPED LOUDLY: kubectl 1.${minor} end-to-end flow (${part}): no runnable kubectl on PATH (/usr/bin/kubectl)`,
    );
    s.run();
    return;
  }

  let kube: KubeHarness;
  let k: ReturnType<typeof kubectlFor>;
  let dir: string;
  const client = () => kube.server.client;
  const manifest = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === 'string' ? body : stringify(body));
    return path;
  };
  const ok = (r: KubectlResult, what: string) => assert.is(r.code, 0, `${what}: ${explain(r)}`);
  const setStatus = (name: string, status: Record<string, unknown>) =>
    client().patch(TABLES, 'carts', name, 'merge', { status }, { subresource: 'status', fieldManager: 'e2e-status' });
  const synced = (value: 'True' | 'False', tableStatus = 'ACTIVE') => ({
    tableStatus,
    ackResourceMetadata: {
      arn: 'arn:aws:dynamodb:us-west-2:000000000000:table/items',
      ownerAccountID: '000000000000',
      region: 'us-west-2',
    },
    conditions: [
      {
        type: 'ACK.ResourceSynced',
        status: value,
        lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    ],
  });

  s.before(async () => {
    kube = await startKube({ crds: loadAckCrds(), version: { major: '1', minor } });
    k = kubectlFor({ kubeconfigPath: kube.kubeconfigPath, home: kube.home });
    dir = scratchDir('ack-kubectl-');
  });
  s.after(async () => {
    try {
      await kube?.close();
    } finally {
      if (dir) removeScratch(dir);
    }
  });

  step(['apply', 'lifecycle'], 'the dispatcher runs kubectl 1.' + minor + ' against this server', async () => {
    const r = await k(['version', '-o', 'json']);
    ok(r, 'kubectl version');
    const v = JSON.parse(r.stdout);
    assert.is(v.serverVersion.minor, minor);
    // the gcloud builds report e.g. "32+"
    assert.match(v.clientVersion.minor, new RegExp(`^${minor}\\+?$`), 'the dispatcher picked the matching kubectl');
  });

  step(['apply', 'lifecycle'], 'create namespace (protobuf body)', async () => {
    const r = await k(['create', 'namespace', 'carts']);
    ok(r, 'create namespace');
    assert.equal(lines(r.stdout), ['namespace/carts created']);
    const again = await k(['create', 'namespace', 'carts']);
    assert.is(again.code, 1);
    assert.match(again.stderr, 'Error from server (AlreadyExists): namespaces "carts" already exists');
  });

  step(
    ['lifecycle'],
    'apply on a built-in kind (strategic merge computed from our OpenAPI): created, configured, label removed',
    async () => {
      const ns = (labels: Record<string, string>) =>
        manifest('ns.yaml', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'orders', labels } });
      const created = await k(['apply', '-f', ns({ team: 'orders', tier: 'gold' })]);
      ok(created, 'apply namespace');
      assert.equal(lines(created.stdout), ['namespace/orders created']);
      const configured = await k(['apply', '-f', ns({ team: 'orders' })]);
      ok(configured, 'apply namespace (changed)');
      assert.equal(lines(configured.stdout), ['namespace/orders configured']);
      const live = await client().get(NAMESPACES, undefined, 'orders');
      assert.is(live.metadata.labels?.team, 'orders');
      assert.is(live.metadata.labels?.tier, undefined, 'label dropped from the manifest is removed');
      const patched = await k([
        'patch',
        'namespace',
        'orders',
        '-p',
        '{"metadata":{"labels":{"tier":"silver"},"finalizers":["example.com/keep"]}}',
      ]);
      ok(patched, 'default (strategic) patch on a built-in');
      assert.equal(lines(patched.stdout), ['namespace/orders patched']);
      const unkept = await k([
        'patch',
        'namespace',
        'orders',
        '-p',
        '{"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/keep"]}}',
      ]);
      ok(unkept, 'strategic $deleteFromPrimitiveList');
      const after = await client().get(NAMESPACES, undefined, 'orders');
      assert.equal(after.metadata.labels, { 'kubernetes.io/metadata.name': 'orders', team: 'orders', tier: 'silver' });
      assert.equal(after.metadata.finalizers ?? [], []);
      const gone = await k(['delete', 'namespace', 'orders']);
      ok(gone, 'delete namespace orders');
    },
  );

  step(['lifecycle'], 'api-resources lists the ACK kinds', async () => {
    const r = await k(['api-resources']);
    ok(r, 'api-resources');
    const rows = lines(r.stdout).map(columns);
    for (const name of ['tables', 'globaltables', 'backups', 'namespaces', 'customresourcedefinitions']) {
      assert.ok(
        rows.some((c) => c[0] === name),
        `${name} listed:\n${r.stdout}`,
      );
    }
    const tables = rows.find((c) => c[0] === 'tables')!;
    assert.equal(tables.slice(-3), ['dynamodb.services.k8s.aws/v1alpha1', 'true', 'Table']);
  });

  step(['apply'], 'apply: created, unchanged, configured', async () => {
    const path = manifest('items.yaml', tableManifest('items'));
    const created = await k(['apply', '-f', path]);
    ok(created, 'apply (create)');
    assert.equal(lines(created.stdout), ['table.dynamodb.services.k8s.aws/items created']);
    const unchanged = await k(['apply', '-f', path]);
    ok(unchanged, 'apply (same)');
    assert.equal(lines(unchanged.stdout), ['table.dynamodb.services.k8s.aws/items unchanged']);
    manifest('items.yaml', tableManifest('items', { tableClass: 'STANDARD_INFREQUENT_ACCESS' }));
    const configured = await k(['apply', '-f', path]);
    ok(configured, 'apply (changed)');
    assert.equal(lines(configured.stdout), ['table.dynamodb.services.k8s.aws/items configured']);
    const stored = await client().get(TABLES, 'carts', 'items');
    assert.is((stored.spec as any).tableClass, 'STANDARD_INFREQUENT_ACCESS');
    assert.ok(
      stored.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
      'last-applied annotation kept',
    );
  });

  step(
    ['apply'],
    'apply --server-side: serverside-applied; a different manager changing a field conflicts',
    async () => {
      const path = manifest('items.yaml', tableManifest('items', { tableClass: 'STANDARD_INFREQUENT_ACCESS' }));
      const r = await k(['apply', '--server-side', '-f', path]);
      ok(r, 'apply --server-side');
      assert.equal(lines(r.stdout), ['table.dynamodb.services.k8s.aws/items serverside-applied']);
      const stored = await client().get(TABLES, 'carts', 'items');
      const managers = (stored.metadata.managedFields as any[]).map((m) => `${m.manager}/${m.operation}`);
      assert.ok(managers.includes('kubectl/Apply'), `kubectl owns applied fields: ${managers}`);

      const other = manifest('other.yaml', tableManifest('items', { tableClass: 'STANDARD' }));
      const conflict = await k(['apply', '--server-side', '--field-manager=someone-else', '-f', other]);
      assert.is(conflict.code, 1, explain(conflict));
      assert.match(conflict.stderr, 'Apply failed with 1 conflict: conflict with "kubectl"');
      assert.match(conflict.stderr, '.spec.tableClass');
      const forced = await k([
        'apply',
        '--server-side',
        '--field-manager=someone-else',
        '--force-conflicts',
        '-f',
        other,
      ]);
      ok(forced, 'apply --server-side --force-conflicts');
      assert.is(((await client().get(TABLES, 'carts', 'items')).spec as any).tableClass, 'STANDARD');
    },
  );

  step(['apply'], 'get: printer columns NAME CLASS STATUS SYNCED AGE; -o wide adds ARN', async () => {
    await setStatus('items', synced('True'));
    const r = await k(['get', 'tables', '-n', 'carts']);
    ok(r, 'get tables');
    const [header, row] = lines(r.stdout);
    assert.equal(columns(header!), ['NAME', 'CLASS', 'STATUS', 'SYNCED', 'AGE']);
    const cells = columns(row!);
    assert.equal(cells.slice(0, 4), ['items', 'STANDARD', 'ACTIVE', 'True']);
    assert.match(cells[4]!, /^\d+s$/);
    const wide = await k(['get', 'tables', '-n', 'carts', '-o', 'wide']);
    ok(wide, 'get -o wide');
    const [wideHeader, wideRow] = lines(wide.stdout);
    assert.equal(columns(wideHeader!), ['NAME', 'ARN', 'CLASS', 'STATUS', 'SYNCED', 'AGE']);
    assert.is(columns(wideRow!)[1], 'arn:aws:dynamodb:us-west-2:000000000000:table/items');
    const all = await k(['get', 'tables', '-A']);
    ok(all, 'get -A');
    assert.equal(columns(lines(all.stdout)[0]!), ['NAMESPACE', 'NAME', 'CLASS', 'STATUS', 'SYNCED', 'AGE']);
    const ns = await k(['get', 'ns', 'carts']);
    ok(ns, 'get ns');
    assert.equal(columns(lines(ns.stdout)[0]!), ['NAME', 'STATUS', 'AGE']);
    assert.equal(columns(lines(ns.stdout)[1]!).slice(0, 2), ['carts', 'Active']);
    const missing = await k(['get', 'table', 'nope', '-n', 'carts']);
    assert.is(missing.code, 1);
    assert.match(missing.stderr, 'Error from server (NotFound): tables.dynamodb.services.k8s.aws "nope" not found');
  });

  step(['apply'], 'get -o jsonpath / -o yaml / -o name', async () => {
    const jp = await k(['get', 'table', 'items', '-n', 'carts', '-o', 'jsonpath={.status.tableStatus}']);
    ok(jp, 'jsonpath');
    assert.is(jp.stdout, 'ACTIVE');
    const filter = await k([
      'get',
      'table',
      'items',
      '-n',
      'carts',
      '-o',
      'jsonpath={.status.conditions[?(@.type=="ACK.ResourceSynced")].status}',
    ]);
    assert.is(filter.stdout, 'True');
    const yaml = await k(['get', 'table', 'items', '-n', 'carts', '-o', 'yaml']);
    ok(yaml, '-o yaml');
    const obj = parse(yaml.stdout);
    assert.is(obj.kind, 'Table');
    assert.is(obj.apiVersion, 'dynamodb.services.k8s.aws/v1alpha1');
    assert.is(obj.metadata.namespace, 'carts');
    assert.is(obj.spec.tableName, 'items');
    assert.is(obj.status.tableStatus, 'ACTIVE');
    const name = await k(['get', 'tables', '-n', 'carts', '-o', 'name']);
    assert.equal(lines(name.stdout), ['table.dynamodb.services.k8s.aws/items']);
  });

  step(['apply'], 'get -w sees a status change', async () => {
    const watch = k.start(['get', 'tables', '-n', 'carts', '-w']);
    try {
      await watch.waitForOutput(/items\s+STANDARD\s+ACTIVE\s+True/);
      await setStatus('items', synced('True', 'UPDATING'));
      await watch.waitForOutput(/items\s+STANDARD\s+UPDATING\s+True/);
    } finally {
      await watch.stop();
    }
    assert.equal(columns(lines(watch.stdout())[0]!), ['NAME', 'CLASS', 'STATUS', 'SYNCED', 'AGE']);
    await setStatus('items', synced('True'));
  });

  step(
    ['apply'],
    'everyday commands: dry run, create, selectors, sort, custom columns, wait jsonpath, annotate, replace, delete -f',
    async () => {
      const two = manifest(
        'two.yaml',
        `${stringify({ ...tableManifest('alpha'), metadata: { name: 'alpha', namespace: 'carts', labels: { app: 'alpha' } } })}---\n${stringify({ ...tableManifest('beta'), metadata: { name: 'beta', namespace: 'carts', labels: { app: 'beta' } } })}`,
      );
      const dry = await k(['apply', '--dry-run=server', '-f', two]);
      ok(dry, 'apply --dry-run=server');
      assert.equal(lines(dry.stdout), [
        'table.dynamodb.services.k8s.aws/alpha created (server dry run)',
        'table.dynamodb.services.k8s.aws/beta created (server dry run)',
      ]);
      assert.is((await client().list(TABLES, 'carts')).items.length, 1, 'dry run stored nothing');
      const created = await k(['create', '-f', two]);
      ok(created, 'create -f');
      assert.equal(lines(created.stdout), [
        'table.dynamodb.services.k8s.aws/alpha created',
        'table.dynamodb.services.k8s.aws/beta created',
      ]);
      const selected = await k(['get', 'tables', '-n', 'carts', '-l', 'app in (beta,nope)', '-o', 'name']);
      assert.equal(lines(selected.stdout), ['table.dynamodb.services.k8s.aws/beta']);
      const sorted = await k(['get', 'tables', '-n', 'carts', '--sort-by=.metadata.name', '--show-labels']);
      ok(sorted, '--sort-by --show-labels');
      assert.equal(
        lines(sorted.stdout).map((l) => columns(l)[0]),
        ['NAME', 'alpha', 'beta', 'items'],
      );
      assert.match(sorted.stdout, /^beta\s+STANDARD\s+\S+\s+app=beta$/m);
      const custom = await k([
        'get',
        'tables',
        '-n',
        'carts',
        '-o',
        'custom-columns=NAME:.metadata.name,STATUS:.status.tableStatus',
      ]);
      assert.equal(lines(custom.stdout).map(columns), [
        ['NAME', 'STATUS'],
        ['alpha', '<none>'],
        ['beta', '<none>'],
        ['items', 'ACTIVE'],
      ]);
      const waited = await k([
        'wait',
        '--for=jsonpath={.status.tableStatus}=ACTIVE',
        'table/items',
        '-n',
        'carts',
        '--timeout=20s',
      ]);
      ok(waited, 'wait --for=jsonpath');
      assert.equal(lines(waited.stdout), ['table.dynamodb.services.k8s.aws/items condition met']);
      const annotated = await k(['annotate', 'table', 'alpha', '-n', 'carts', 'note=hello']);
      assert.equal(lines(annotated.stdout), ['table.dynamodb.services.k8s.aws/alpha annotated']);
      const replaced = await k(['replace', '-f', two]);
      ok(replaced, 'replace -f');
      assert.equal(lines(replaced.stdout), [
        'table.dynamodb.services.k8s.aws/alpha replaced',
        'table.dynamodb.services.k8s.aws/beta replaced',
      ]);
      const deleted = await k(['delete', '-f', two]);
      ok(deleted, 'delete -f');
      assert.equal(lines(deleted.stdout), [
        'table.dynamodb.services.k8s.aws "alpha" deleted',
        'table.dynamodb.services.k8s.aws "beta" deleted',
      ]);
      ok(await k(['wait', '--for=delete', 'table/alpha', '-n', 'carts', '--timeout=20s']), 'wait --for=delete');
      const missing = await k(['delete', 'table', 'alpha', '-n', 'carts']);
      assert.is(missing.code, 1);
      assert.match(missing.stderr, 'Error from server (NotFound): tables.dynamodb.services.k8s.aws "alpha" not found');
      ok(await k(['delete', 'table', 'alpha', '-n', 'carts', '--ignore-not-found']), 'delete --ignore-not-found');
    },
  );

  step(['apply'], 'describe shows the object and its events', async () => {
    const table = await client().get(TABLES, 'carts', 'items');
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await client().create(EVENTS, 'carts', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'items.e2e', namespace: 'carts' },
      involvedObject: {
        apiVersion: 'dynamodb.services.k8s.aws/v1alpha1',
        kind: 'Table',
        name: 'items',
        namespace: 'carts',
        uid: table.metadata.uid,
      },
      reason: 'Synced',
      message: 'table is ACTIVE',
      type: 'Normal',
      source: { component: 'ack-dynamodb-controller' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
    const r = await k(['describe', 'table', 'items', '-n', 'carts']);
    ok(r, 'describe');
    assert.match(r.stdout, /^Name:\s+items$/m);
    assert.match(r.stdout, /^Namespace:\s+carts$/m);
    assert.match(r.stdout, /^Kind:\s+Table$/m);
    assert.match(r.stdout, /Table Status:\s+ACTIVE/);
    assert.match(r.stdout, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
    assert.match(r.stdout, /Normal\s+Synced\s+\S+\s+ack-dynamodb-controller\s+table is ACTIVE/);
    const events = await k(['get', 'events', '-n', 'carts']);
    ok(events, 'get events');
    const [header, row] = lines(events.stdout);
    assert.equal(header!.split(/\s{2,}/), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    assert.match(row!, /^\d+s\s+Normal\s+Synced\s+table\/items\s+table is ACTIVE$/);
  });

  step(
    ['apply'],
    'patch --type merge and --type json; the default strategic patch is refused like a real server',
    async () => {
      const merge = await k([
        'patch',
        'table',
        'items',
        '-n',
        'carts',
        '--type',
        'merge',
        '-p',
        '{"spec":{"deletionProtectionEnabled":false}}',
      ]);
      ok(merge, 'patch --type merge');
      assert.equal(lines(merge.stdout), ['table.dynamodb.services.k8s.aws/items patched']);
      const json = await k([
        'patch',
        'table',
        'items',
        '-n',
        'carts',
        '--type',
        'json',
        '-p',
        '[{"op":"test","path":"/spec/deletionProtectionEnabled","value":false},{"op":"add","path":"/metadata/labels","value":{"team":"carts"}}]',
      ]);
      ok(json, 'patch --type json');
      assert.equal(lines(json.stdout), ['table.dynamodb.services.k8s.aws/items patched']);
      assert.equal((await client().get(TABLES, 'carts', 'items')).metadata.labels, { team: 'carts' });
      const failedTest = await k([
        'patch',
        'table',
        'items',
        '-n',
        'carts',
        '--type',
        'json',
        '-p',
        '[{"op":"test","path":"/spec/tableClass","value":"NOPE"}]',
      ]);
      assert.is(failedTest.code, 1, explain(failedTest));
      assert.match(failedTest.stderr, 'the server rejected our request due to an error in our request');
      const strategic = await k(['patch', 'table', 'items', '-n', 'carts', '-p', '{"spec":{"tableClass":"STANDARD"}}']);
      assert.is(strategic.code, 1, explain(strategic));
      assert.equal(lines(strategic.stderr), [STRATEGIC_REFUSED]);
      const label = await k(['label', 'namespace', 'carts', 'team=carts']);
      ok(label, 'label namespace');
      assert.equal(lines(label.stdout), ['namespace/carts labeled']);
    },
  );

  step(['apply'], 'edit (merge patch through $EDITOR) and apply --server-side creating an object', async () => {
    const editor = manifest(
      'editor.sh',
      '#!/bin/sh\nsed -i "s/deletionProtectionEnabled: false/deletionProtectionEnabled: true/" "$1"\n',
    );
    chmodSync(editor, 0o755);
    const edited = await k(['edit', 'table', 'items', '-n', 'carts'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    ok(edited, 'edit');
    assert.equal(lines(edited.stdout), ['table.dynamodb.services.k8s.aws/items edited']);
    assert.is(((await client().get(TABLES, 'carts', 'items')).spec as any).deletionProtectionEnabled, true);
    await client().patch(
      TABLES,
      'carts',
      'items',
      'merge',
      { spec: { deletionProtectionEnabled: false } },
      { fieldManager: 'e2e' },
    );

    const path = manifest('sessions.yaml', tableManifest('sessions'));
    const created = await k(['apply', '--server-side', '-f', path]);
    ok(created, 'apply --server-side (absent object)');
    assert.equal(lines(created.stdout), ['table.dynamodb.services.k8s.aws/sessions serverside-applied']);
    const stored = await client().get(TABLES, 'carts', 'sessions');
    assert.equal(
      (stored.metadata.managedFields as any[]).map((m) => `${m.manager}/${m.operation}`),
      ['kubectl/Apply'],
    );
    const again = await k(['apply', '--server-side', '-f', path]);
    ok(again, 'apply --server-side (same)');
    assert.is(
      (await client().get(TABLES, 'carts', 'sessions')).metadata.resourceVersion,
      stored.metadata.resourceVersion,
      'a no-op apply writes nothing',
    );
    const noDiff = await k(['diff', '--server-side', '-f', path]);
    assert.is(noDiff.code, 0, explain(noDiff));
    const changed = manifest(
      'sessions-changed.yaml',
      tableManifest('sessions', { tableClass: 'STANDARD_INFREQUENT_ACCESS' }),
    );
    const diff = await k(['diff', '--server-side', '-f', changed]);
    assert.is(diff.code, 1, explain(diff));
    assert.match(diff.stdout, /^\+\s+tableClass: STANDARD_INFREQUENT_ACCESS$/m);
    ok(await k(['delete', 'table', 'sessions', '-n', 'carts']), 'delete sessions');
  });

  step(['apply'], 'diff: exit 1 with a diff when different, 0 when the same', async () => {
    const live = await client().get(TABLES, 'carts', 'items');
    const same = manifest('same.yaml', {
      ...tableManifest('items', { ...(live.spec as object) }),
      metadata: { name: 'items', namespace: 'carts', labels: live.metadata.labels },
    });
    const unchanged = await k(['diff', '-f', same]);
    assert.is(unchanged.code, 0, explain(unchanged));
    assert.is(unchanged.stdout, '');
    const changed = manifest('changed.yaml', {
      ...tableManifest('items', { ...(live.spec as object), tableClass: 'STANDARD_INFREQUENT_ACCESS' }),
      metadata: { name: 'items', namespace: 'carts', labels: live.metadata.labels },
    });
    const different = await k(['diff', '-f', changed]);
    assert.is(different.code, 1, explain(different));
    assert.match(different.stdout, /^-\s+tableClass: STANDARD$/m);
    assert.match(different.stdout, /^\+\s+tableClass: STANDARD_INFREQUENT_ACCESS$/m);
    assert.is(((await client().get(TABLES, 'carts', 'items')).spec as any).tableClass, 'STANDARD', 'diff is a dry run');
  });

  step(['apply'], 'explain tables.spec.billingMode', async () => {
    const r = await k(['explain', 'tables.spec.billingMode']);
    ok(r, 'explain');
    assert.match(r.stdout, /^GROUP:\s+dynamodb\.services\.k8s\.aws$/m);
    assert.match(r.stdout, /^KIND:\s+Table$/m);
    assert.match(r.stdout, /^VERSION:\s+v1alpha1$/m);
    assert.match(r.stdout, /^FIELD: billingMode <string>$/m);
    assert.match(r.stdout, /Controls how you are charged for read and write throughput/);
  });

  step(['lifecycle'], 'apply a Table for the lifecycle steps', async () => {
    const created = await k(['apply', '-f', manifest('items.yaml', tableManifest('items'))]);
    ok(created, 'apply');
    assert.equal(lines(created.stdout), ['table.dynamodb.services.k8s.aws/items created']);
  });

  step(['lifecycle'], 'wait --for=condition=ACK.ResourceSynced returns once the status says so', async () => {
    await setStatus('items', synced('False'));
    const wait = k.start(['wait', '--for=condition=ACK.ResourceSynced', 'table/items', '-n', 'carts', '--timeout=30s']);
    await sleep(1500);
    assert.not.ok(wait.exited, `kubectl wait returned before the condition was met: ${wait.stdout()} ${wait.stderr()}`);
    await setStatus('items', synced('True'));
    const r = await wait.done(40_000);
    ok(r, 'wait');
    assert.equal(lines(r.stdout), ['table.dynamodb.services.k8s.aws/items condition met']);
  });

  step(['lifecycle'], 'delete blocks on a finalizer until it is removed', async () => {
    await client().patch(
      TABLES,
      'carts',
      'items',
      'merge',
      { metadata: { finalizers: [FINALIZER] } },
      { fieldManager: 'e2e' },
    );
    const del = k.start(['delete', 'table', 'items', '-n', 'carts']);
    await eventually(
      'deletionTimestamp',
      async () => (await client().get(TABLES, 'carts', 'items')).metadata.deletionTimestamp,
    );
    await sleep(1000);
    assert.not.ok(
      del.exited,
      `kubectl delete returned while the finalizer was still there: ${del.stdout()} ${del.stderr()}`,
    );
    await client().patch(TABLES, 'carts', 'items', 'json', [{ op: 'remove', path: '/metadata/finalizers' }], {
      fieldManager: 'e2e',
    });
    const r = await del.done(30_000);
    ok(r, 'delete');
    assert.equal(lines(r.stdout), ['table.dynamodb.services.k8s.aws "items" deleted']);
    const gone = await k(['get', 'table', 'items', '-n', 'carts']);
    assert.is(gone.code, 1);
    assert.match(gone.stderr, 'NotFound');
  });

  step(['lifecycle'], 'create configmap / secret generic (protobuf bodies)', async () => {
    const cm = await k([
      'create',
      'configmap',
      'settings',
      '-n',
      'carts',
      '--from-literal=region=us-west-2',
      '--from-literal=tier=gold',
    ]);
    ok(cm, 'create configmap');
    assert.equal(lines(cm.stdout), ['configmap/settings created']);
    const sec = await k(['create', 'secret', 'generic', 'creds', '-n', 'carts', '--from-literal=password=s3cr3t']);
    ok(sec, 'create secret');
    assert.equal(lines(sec.stdout), ['secret/creds created']);
    const data = await k(['get', 'configmap', 'settings', '-n', 'carts', '-o', 'jsonpath={.data.tier}']);
    assert.is(data.stdout, 'gold');
    const secret = await k(['get', 'secret', 'creds', '-n', 'carts', '-o', 'jsonpath={.data.password}']);
    assert.is(Buffer.from(secret.stdout, 'base64').toString(), 's3cr3t');
    const list = await k(['get', 'configmaps,secrets', '-n', 'carts']);
    ok(list, 'get configmaps,secrets');
    assert.match(list.stdout, /^configmap\/settings\s+2\s+\S+$/m);
    assert.match(list.stdout, /^secret\/creds\s+Opaque\s+1\s+\S+$/m);
  });

  step(['lifecycle'], 'delete namespace removes its contents, then the namespace', async () => {
    const path = manifest('orders.yaml', tableManifest('orders'));
    ok(await k(['apply', '-f', path]), 'apply orders');
    const r = await k(['delete', 'namespace', 'carts'], { timeoutMs: 90_000 });
    ok(r, 'delete namespace');
    assert.equal(lines(r.stdout), ['namespace "carts" deleted']);
    const ns = await k(['get', 'namespace', 'carts']);
    assert.is(ns.code, 1, explain(ns));
    assert.match(ns.stderr, 'Error from server (NotFound): namespaces "carts" not found');
    const tables = await client().list(TABLES, 'carts');
    assert.is(tables.items.length, 0);
    await assert.not.ok((await client().list(NAMESPACES, undefined)).items.some((n) => n.metadata.name === 'carts'));
  });

  s.run();
}
