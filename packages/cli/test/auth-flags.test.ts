// --auth and --credentials: off by default, the printed local:local by default, env and flags, bad lists refused.
// The DynamoDB endpoint's verification itself is tested end to end in e2e/test/dynamodb/auth.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUpConfig, ConfigError } from '../src/config.js';

test('off by default; the default credentials are the printed local:local', () => {
  const c = parseUpConfig([], {});
  assert.is(c.auth, false);
  assert.equal([...c.credentials], [['local', 'local']]);
});

test('ACK_LOCAL_AUTH and ACK_LOCAL_CREDENTIALS apply; --credentials wins', () => {
  const env = { ACK_LOCAL_AUTH: '1', ACK_LOCAL_CREDENTIALS: 'a:b,c:d' };
  const fromEnv = parseUpConfig([], env);
  assert.is(fromEnv.auth, true);
  assert.equal(
    [...fromEnv.credentials],
    [
      ['a', 'b'],
      ['c', 'd'],
    ],
  );
  assert.equal([...parseUpConfig(['--credentials', 'k:s:with:colons'], env).credentials], [['k', 's:with:colons']]);
  assert.is(parseUpConfig(['--auth'], {}).auth, true);
});

test('a credentials entry without KEY:SECRET is a config error naming it', () => {
  for (const bad of ['nocolon', ':secret', 'key:', 'a:b,,c:d']) {
    assert.throws(
      () => parseUpConfig(['--credentials', bad], {}),
      (e: unknown) => e instanceof ConfigError,
      bad,
    );
  }
});

test.run();
