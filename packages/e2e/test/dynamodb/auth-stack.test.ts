// `ack-local up --auth` as a user starts it: the AWS CLI with the printed local:local is served, any other key is
// refused with DynamoDB's UnrecognizedClientException, a wrong secret with InvalidSignatureException.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestStack, type TestStack } from '../../src/stack.js';
import { hasCommand, sh, skipLoudly } from '../../src/tools.js';

let stack: TestStack | undefined;

test.before(async () => {
  if (hasCommand('aws')) stack = await startTestStack({ auth: true });
});
test.after(async () => {
  await stack?.close();
});

test('the AWS CLI against ack-local up --auth', async () => {
  if (!stack) return skipLoudly('ack-local up --auth with the AWS CLI', 'the aws command is not installed');
  const withKey = (key: string, secret: string) => ({
    ...stack!.env,
    AWS_ACCESS_KEY_ID: key,
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_MAX_ATTEMPTS: '1',
  });
  const ok = await sh('aws dynamodb list-tables', withKey('local', 'local'));
  assert.is(ok.code, 0, ok.stderr);
  assert.ok(Array.isArray(JSON.parse(ok.stdout).TableNames));
  // ScyllaDB test_authorization.py (test_wrong_key_access), run against DynamoDB: an unknown key.
  const stranger = await sh('aws dynamodb list-tables', withKey('dummy', 'dummy'));
  assert.is.not(stranger.code, 0);
  assert.match(stranger.stderr, 'UnrecognizedClientException');
  assert.match(stranger.stderr, 'The security token included in the request is invalid.');
  const wrongSecret = await sh('aws dynamodb list-tables', withKey('local', 'nope'));
  assert.match(wrongSecret.stderr, 'InvalidSignatureException');
});

test.run();
