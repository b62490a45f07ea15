// The CRDs ack-local installs are the upstream ACK files: `kubectl diff -f` of each upstream file shows nothing
// (exit 0), and `kubectl apply --server-side` of them meets no field-manager conflict with the installer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { ackCustomResourceDefinitions } from '@ack-local/controller';
import { startKube, type KubeHarness } from '../../src/kube.js';
import { kubectlAvailable, kubectlFor } from '../../src/kubectl.js';

const DIR = fileURLToPath(new URL('../../../../fixtures/ack-dynamodb-crds/', import.meta.url));
const SHIPPED = [
  'dynamodb.services.k8s.aws_tables.yaml',
  'dynamodb.services.k8s.aws_globaltables.yaml',
  'dynamodb.services.k8s.aws_backups.yaml',
  'services.k8s.aws_fieldexports.yaml',
  'services.k8s.aws_iamroleselectors.yaml',
];
const available = kubectlAvailable();
let kube: KubeHarness;
test.before(async () => {
  kube = await startKube({ crds: ackCustomResourceDefinitions() });
});
test.after(async () => {
  await kube.close();
});

test('kubectl diff -f <upstream CRD> shows no change, and apply --server-side does not conflict', async () => {
  if (!available) {
    console.log('⚠ SKIPPED LOUDLY: upstream CRD diff/apply: no runnable kubectl on PATH');
    return;
  }
  const k = kubectlFor({ kubeconfigPath: kube.kubeconfigPath, home: kube.home });
  for (const file of SHIPPED) {
    const r = await k(['diff', '-f', `${DIR}${file}`]);
    assert.is(r.code, 0, `${file}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    assert.is(r.stdout, '', file);
  }
  const applied = await k(['apply', '--server-side', '-f', DIR]);
  assert.is(applied.code, 0, applied.stderr);
  assert.match(
    applied.stdout,
    'customresourcedefinition.apiextensions.k8s.io/tables.dynamodb.services.k8s.aws serverside-applied',
  );
});

test.run();
