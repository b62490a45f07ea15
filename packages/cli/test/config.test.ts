import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUpConfig, ConfigError, helpText } from '../src/config.js';
import { exportLines } from '../src/environment.js';

test('defaults match the documented ones', () => {
  const c = parseUpConfig([], {});
  assert.is(c.dynamodbPort, 8000);
  assert.is(c.kubePort, 6443);
  assert.is(c.host, '127.0.0.1');
  assert.is(c.region, 'us-west-2');
  assert.is(c.accountId, '000000000000');
  assert.is(c.isolation, 'account-region');
  assert.is(c.tableDelayMs, 0);
  assert.is(c.sync, 'background');
  assert.is(c.busyPollUs, 300);
  assert.equal(c.namespaces, ['carts']);
  assert.ok(c.dataDir.endsWith('/.ack-local/data'));
});

test('environment variables apply, flags win over them', () => {
  const env = {
    ACK_LOCAL_DYNAMODB_PORT: '9000',
    ACK_LOCAL_KUBE_PORT: '7443',
    ACK_LOCAL_NO_SYNC: 'true',
    ACK_LOCAL_NAMESPACES: 'a,b',
  };
  const c = parseUpConfig(['--kube-port', '1234'], env);
  assert.is(c.dynamodbPort, 9000);
  assert.is(c.kubePort, 1234);
  assert.is(c.sync, 'never');
  assert.equal(c.namespaces, ['a', 'b']);
  assert.is(parseUpConfig([], { ACK_LOCAL_NO_SYNC: 'false' }).sync, 'background');
  assert.is(parseUpConfig([], { ACK_LOCAL_SYNC: 'always' }).sync, 'always');
  assert.is(parseUpConfig(['--sync', 'never'], { ACK_LOCAL_SYNC: 'always' }).sync, 'never');
});

test('--auth and --kube-token (ACK_LOCAL_AUTH, ACK_LOCAL_KUBE_TOKEN): off and random by default', () => {
  assert.is(parseUpConfig([], {}).auth, false);
  assert.is(parseUpConfig([], {}).kubeToken, undefined);
  assert.is(parseUpConfig(['--auth'], {}).auth, true);
  assert.is(parseUpConfig([], { ACK_LOCAL_AUTH: '1' }).auth, true);
  assert.is(parseUpConfig([], { ACK_LOCAL_AUTH: 'false' }).auth, false);
  const c = parseUpConfig(['--auth', '--kube-token', 'abc'], { ACK_LOCAL_KUBE_TOKEN: 'env' });
  assert.is(c.kubeToken, 'abc');
  assert.is(parseUpConfig([], { ACK_LOCAL_KUBE_TOKEN: 'env' }).kubeToken, 'env');
});

test('bad values are refused with the flag named', () => {
  assert.throws(
    () => parseUpConfig(['--dynamodb-port', 'x'], {}),
    (e: Error) => e instanceof ConfigError && /--dynamodb-port/.test(e.message),
  );
  assert.throws(() => parseUpConfig(['--isolation', 'nope'], {}), /account-region, access-key, shared/);
  assert.throws(
    () => parseUpConfig(['--sync', 'sometimes'], {}),
    /--sync: expected one of always, background, never, got sometimes/,
  );
  assert.throws(
    () => parseUpConfig(['--bogus'], {}),
    (e: Error) => e instanceof ConfigError,
  );
});

test('help lists every flag with its environment variable', () => {
  const h = helpText();
  for (const f of [
    '--data-dir',
    '--dynamodb-port',
    '--kube-port',
    '--host',
    '--kubeconfig',
    '--kube-advertise-url',
    '--in-memory',
    '--reset',
    '--seed',
    '--log-format',
  ])
    assert.ok(h.includes(f), f);
  assert.ok(h.includes('ACK_LOCAL_DYNAMODB_PORT'));
});

test('export lines for bash and fish', () => {
  const e = { kubeconfig: '/tmp/x y/kubeconfig', dynamodbUrl: 'http://127.0.0.1:8000', region: 'us-west-2' };
  const bash = exportLines(e, 'bash');
  assert.ok(bash.includes(`export KUBECONFIG='/tmp/x y/kubeconfig'`));
  assert.ok(bash.includes('export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000'));
  assert.ok(!/AWS_ENDPOINT_URL=/.test(bash), 'no global endpoint: it would send every AWS service to ack-local');
  assert.ok(bash.includes('export AWS_DEFAULT_REGION=us-west-2'));
  assert.ok(bash.includes('export AWS_REGION=us-west-2'));
  assert.ok(bash.includes('export AWS_ACCESS_KEY_ID='));
  assert.ok(exportLines(e, 'fish').includes('set -gx AWS_REGION us-west-2;'));
});

test.run();
