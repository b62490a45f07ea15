// The command lines users bring: DynamoDB Local's single-dash options, typos, `--print-env` with no shell, and
// `ack-local dynamodb --help` listing only what that command takes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseUpConfig, helpText, ConfigError } from '../src/config.js';
import { translateDynamoDBLocalFlags, DELAY_TRANSIENT_STATUSES_MS } from '../src/dynamodb-local-flags.js';
import { closestFlag, UP_ONLY_FLAGS } from '../src/command-flags.js';

/** `ack-local dynamodb <argv>` as main.ts reads it. */
function dynamodb(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const translated = translateDynamoDBLocalFlags(argv);
  return { config: parseUpConfig(translated.argv, env, 'dynamodb'), notes: translated.notes };
}

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.instance(e, ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

// Each option of AWS's "DynamoDB local usage notes" → "Command line options", mapped to ours.
test('-port N is --dynamodb-port N', () => {
  assert.is(dynamodb(['-port', '8123']).config.dynamodbPort, 8123);
});

test('-inMemory is --in-memory', () => {
  assert.is(dynamodb(['-inMemory']).config.inMemory, true);
  assert.is(dynamodb([]).config.inMemory, false);
});

test('-sharedDb is --isolation shared', () => {
  assert.is(dynamodb(['-sharedDb']).config.isolation, 'shared');
  assert.is(dynamodb([]).config.isolation, 'account-region');
});

test('-dbPath DIR is --data-dir DIR', () => {
  assert.is(dynamodb(['-dbPath', '/var/tmp/ddb']).config.dataDir, '/var/tmp/ddb');
});

test('-cors takes a comma-separated allow list or *; on by default as *', () => {
  assert.is(dynamodb([]).config.cors, '*');
  assert.equal(dynamodb(['-cors', 'http://a.test, http://b.test:3000']).config.cors, [
    'http://a.test',
    'http://b.test:3000',
  ]);
  assert.is(dynamodb(['-cors', '*']).config.cors, '*');
  assert.is(dynamodb(['--cors', 'off']).config.cors, false);
  assert.is(parseUpConfig([], { ACK_LOCAL_CORS: 'none' }).cors, false);
});

test('-delayTransientStatuses gives tables and indexes a transition time; an explicit --table-delay-ms wins', () => {
  assert.is(dynamodb(['-delayTransientStatuses']).config.tableDelayMs, DELAY_TRANSIENT_STATUSES_MS);
  assert.is(dynamodb(['-delayTransientStatuses', '--table-delay-ms', '50']).config.tableDelayMs, 50);
});

test('-optimizeDbBeforeStartup and -disableTelemetry are accepted with a note, and change nothing', () => {
  const { config, notes } = dynamodb(['-optimizeDbBeforeStartup', '-dbPath', '/var/tmp/x', '-disableTelemetry']);
  assert.is(config.dataDir, '/var/tmp/x');
  assert.is(notes.length, 2);
  assert.match(notes[0]!, /^-optimizeDbBeforeStartup: accepted/);
  assert.match(notes[1]!, /^-disableTelemetry: accepted/);
});

test('-help is --help', () => {
  assert.is(dynamodb(['-help']).config.help, true);
});

test('a DynamoDB Local command line carries over whole', () => {
  const { config } = dynamodb(['-sharedDb', '-inMemory', '-port', '8001', '-cors', '*']);
  assert.equal([config.isolation, config.inMemory, config.dynamodbPort, config.cors], ['shared', true, 8001, '*']);
});

test('an option that needs a value and has none says so', () => {
  assert.match(
    refusal(() => dynamodb(['-port'])),
    /-port needs a value/,
  );
  assert.match(
    refusal(() => dynamodb(['-dbPath'])),
    /-dbPath needs a value/,
  );
});

test('unknown options name the closest valid one and --help', () => {
  assert.is(
    refusal(() => parseUpConfig(['--dynmodb-port', '1'], {})),
    'unknown option --dynmodb-port (did you mean --dynamodb-port?); `ack-local up --help` lists them',
  );
  assert.match(
    refusal(() => dynamodb(['-inmemory'])),
    /unknown option -inmemory \(did you mean -inMemory\?\)/,
  );
  assert.match(
    refusal(() => dynamodb(['--shared-db'])),
    /did you mean -sharedDb\?/,
  );
  assert.match(
    refusal(() => dynamodb(['--xyzzy-frobnicate'])),
    /^unknown option --xyzzy-frobnicate; `ack-local dynamodb --help`/,
  );
  assert.is(closestFlag('--in-memroy', ['--in-memory', '--reset']), '--in-memory');
});

test("ack-local dynamodb refuses up's kube and controller flags, saying whose they are", () => {
  assert.match(
    refusal(() => dynamodb(['--kube-port', '1'])),
    /--kube-port is a flag of `ack-local up`.*`ack-local dynamodb --help`/,
  );
});

test('ack-local dynamodb --help shows only its own flags, with DynamoDB Local options; up --help shows all', () => {
  const help = helpText('dynamodb');
  for (const upOnly of UP_ONLY_FLAGS) assert.not.ok(help.includes(`--${upOnly} `), upOnly);
  for (const own of ['--dynamodb-port', '--data-dir', '--in-memory', '--isolation', '--cors', '--seed'])
    assert.ok(help.includes(own), own);
  for (const local of ['-port', '-inMemory', '-sharedDb', '-dbPath', '-cors', '-delayTransientStatuses'])
    assert.ok(help.includes(`  ${local} `), local);
  assert.ok(helpText('up').includes('--kube-port'));
  assert.not.ok(helpText('up').includes('-sharedDb'));
});

test('--print-env without a value is your shell; a flag after it stays a flag', () => {
  assert.is(parseUpConfig(['--print-env'], { SHELL: '/bin/bash' }).printEnv, 'bash');
  assert.is(parseUpConfig(['--print-env'], { SHELL: '/usr/bin/fish' }).printEnv, 'fish');
  const c = parseUpConfig(['--print-env', '--region', 'eu-west-1'], {});
  assert.equal([c.printEnv, c.region], ['bash', 'eu-west-1']);
  assert.is(parseUpConfig(['--print-env', 'zsh'], {}).printEnv, 'zsh');
});

test.run();
