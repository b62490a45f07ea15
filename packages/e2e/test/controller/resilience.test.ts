// The controller survives DynamoDB errors (Recoverable, backoff, then Synced) and kube 409 conflicts (retried).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { StatusError, type ResourceClient } from '@ack-local/kube-apiserver';
import {
  DynamoDBCallError,
  createInProcessDynamoDBClient,
  startController,
  type Controller,
  type DynamoDBClient,
} from '@ack-local/controller';
import { ACCOUNT, REGION, TABLES, cartsTable, condition, startEnv, waitForCondition, type Env } from './harness.js';

let env: Env;
let controller: Controller;
let failDescribes = 0;
let conflicts = 0;
const seenRecoverable: string[] = [];

test.before(async () => {
  env = await startEnv();
  // Replace the harness's controller by one whose clients misbehave on demand.
  await env.controller.stop();
  const real = createInProcessDynamoDBClient(env.engine);
  const flaky: DynamoDBClient = {
    call(operation, input, target) {
      if (operation === 'DescribeTable' && failDescribes > 0) {
        failDescribes--;
        return Promise.reject(new DynamoDBCallError('InternalServerError', 'Internal server error'));
      }
      return real.call(operation, input, target);
    },
  };
  const kube: ResourceClient = Object.create(env.kube);
  kube.patch = async (gvr, ns, name, type, patch, options) => {
    if (options?.subresource === 'status' && conflicts > 0) {
      conflicts--;
      throw new StatusError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'Conflict',
        code: 409,
        message: `Operation cannot be fulfilled on tables.dynamodb.services.k8s.aws "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      });
    }
    const out = await env.kube.patch(gvr, ns, name, type, patch, options);
    const c = condition(out, 'ACK.Recoverable');
    if (c) seenRecoverable.push(c.message!);
    return out;
  };
  kube.get = env.kube.get.bind(env.kube);
  kube.list = env.kube.list.bind(env.kube);
  kube.watch = env.kube.watch.bind(env.kube);
  kube.create = env.kube.create.bind(env.kube);
  controller = await startController({ kube, dynamodb: flaky, region: REGION, accountId: ACCOUNT, timeScale: 0.01 });
  env.controller = controller;
});
test.after(async () => {
  await env?.close();
});

test('DynamoDB errors show as Recoverable with the error text, back off, and the resource still converges', async () => {
  failDescribes = 3;
  await env.kube.create(TABLES, 'carts', cartsTable('flaky', 'flaky-table'));
  await waitForCondition(env.kube, TABLES, 'carts', 'flaky', 'ACK.ResourceSynced', 'True');
  assert.equal(failDescribes, 0);
  assert.ok(
    seenRecoverable.includes('api error InternalServerError: Internal server error'),
    JSON.stringify(seenRecoverable),
  );
  const tables = await env.dynamodb.call('ListTables', {}, { region: REGION, accountId: ACCOUNT });
  assert.equal(tables.TableNames.filter((n: string) => n === 'flaky-table').length, 1);
});

test('409 conflicts on status writes are retried', async () => {
  conflicts = 2;
  await env.kube.create(TABLES, 'carts', cartsTable('contended', 'contended-table'));
  const cr = await waitForCondition(env.kube, TABLES, 'carts', 'contended', 'ACK.ResourceSynced', 'True');
  assert.equal(conflicts, 0);
  assert.equal((cr.status as any).tableStatus, 'ACTIVE');
});

test.run();
