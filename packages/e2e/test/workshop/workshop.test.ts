// The eks-workshop ACK DynamoDB lab, verbatim, against ack-local: the real kubectl (the dispatcher on PATH picks
// kubectl 1.32 from our /version), the real AWS CLI, and only the environment the lab sets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { startTestStack, hasCommand, skipLoudly, sh, type TestStack } from '../../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const haveKubectl = hasCommand('kubectl', ['version', '--client']);
const haveAws = hasCommand('aws');
const haveEnvsubst = hasCommand('envsubst', ['--version']);

const cluster = 'eks-workshop-auto';
const tableName = `${cluster}-carts-fastpath`;
let stack: TestStack;
let env: Record<string, string>;

test.before(async () => {
  stack = await startTestStack();
  env = { ...stack.env, EKS_CLUSTER_AUTO_NAME: cluster, EKS_CAP_DDB_TABLE: tableName };
});
test.after(async () => {
  await stack?.close();
});

const run = (script: string) => sh(script, env, { cwd: repoRoot, timeoutMs: 120_000 });

if (!haveKubectl || !haveEnvsubst) {
  skipLoudly('workshop flow', `${!haveKubectl ? 'kubectl' : 'envsubst'} is not installed`);
} else {
  test('the CRDs are there, as on a cluster with the ACK capability', async () => {
    const crd = await run(`kubectl get crd tables.dynamodb.services.k8s.aws -o jsonpath='{.spec.names.kind}'`);
    assert.is(crd.stderr, '');
    assert.is(crd.stdout, 'Table');
    const resources = await run('kubectl api-resources --api-group=dynamodb.services.k8s.aws');
    assert.is(resources.code, 0, resources.stderr);
    for (const r of ['backups', 'globaltables', 'tables']) assert.match(resources.stdout, new RegExp(`^${r}\\s`, 'm'));
  });

  test('kubectl kustomize | envsubst | kubectl apply creates the Table', async () => {
    const r = await run('kubectl kustomize examples/workshop | envsubst | kubectl apply -f -');
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.trim(), 'table.dynamodb.services.k8s.aws/items created');
  });

  test('kubectl wait --for=condition=ACK.ResourceSynced', async () => {
    const r = await run(
      'kubectl wait table.dynamodb.services.k8s.aws items -n carts --for=condition=ACK.ResourceSynced --timeout=10m',
    );
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.trim(), 'table.dynamodb.services.k8s.aws/items condition met');
  });

  test('the Table reports ACTIVE', async () => {
    const r = await run(
      `kubectl get table.dynamodb.services.k8s.aws items -n carts -o jsonpath='{.status.tableStatus}{"\\n"}'`,
    );
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, 'ACTIVE\n');
  });

  if (!haveAws) {
    skipLoudly('workshop flow: aws dynamodb describe-table', 'the AWS CLI is not installed');
  } else {
    test('aws dynamodb describe-table says ACTIVE', async () => {
      const r = await run(
        `aws dynamodb describe-table --table-name "$EKS_CAP_DDB_TABLE" --query 'Table.TableStatus' --output text`,
      );
      assert.is(r.code, 0, r.stderr);
      assert.is(r.stdout, 'ACTIVE\n');
    });

    test('the index the carts service queries exists', async () => {
      const r = await run(
        `aws dynamodb describe-table --table-name "$EKS_CAP_DDB_TABLE" --query 'Table.GlobalSecondaryIndexes[0].[IndexName,IndexStatus]' --output text`,
      );
      assert.is(r.code, 0, r.stderr);
      assert.is(r.stdout, 'idx_global_customerId\tACTIVE\n');
    });
  }

  test('re-applying the lab is a no-op', async () => {
    const r = await run('kubectl kustomize examples/workshop | envsubst | kubectl apply -f -');
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.trim(), 'table.dynamodb.services.k8s.aws/items unchanged');
  });

  test('kubectl get shows the printer columns', async () => {
    const r = await run('kubectl get tables -n carts');
    assert.is(r.code, 0, r.stderr);
    const [header, row] = r.stdout.trim().split('\n');
    assert.equal(header!.split(/\s+/), ['NAME', 'CLASS', 'STATUS', 'SYNCED', 'AGE']);
    assert.match(row!, /^items\s+ACTIVE\s+True\s+\d+s$/);
  });

  test('cleanup: kubectl delete removes the table (deletion policy delete)', async () => {
    const r = await run('kubectl delete table.dynamodb.services.k8s.aws items -n carts --timeout=60s');
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout.trim(), 'table.dynamodb.services.k8s.aws "items" deleted');
    if (haveAws) {
      const d = await run(`aws dynamodb describe-table --table-name "$EKS_CAP_DDB_TABLE" 2>&1 || true`);
      assert.match(d.stdout, /ResourceNotFoundException/);
    }
  });
}

test.run();
