// DynamoDB Local's command-line options (`java -jar DynamoDBLocal.jar -sharedDb -inMemory -port 8001`), so that
// its command lines carry over to `ack-local dynamodb` unchanged. Each is rewritten into our own flag; the ones
// that mean nothing here are accepted with a note saying why. What each option means: AWS's "DynamoDB local
// usage notes", "Command line options".
import { ConfigError } from './errors.js';

interface LocalFlag {
  /** DynamoDB Local's option takes a value (`-port 8001`). */
  takesValue: boolean;
  /** Our flags for it; `value` stands for the option's value. */
  becomes: (value: string) => string[];
  /** Said once at start when the option has no meaning here. */
  note?: string;
  help: string;
}

/** DynamoDB Local's own delays are not documented as numbers; one second makes the transitions observable. */
export const DELAY_TRANSIENT_STATUSES_MS = 1000;

export const DYNAMODB_LOCAL_FLAGS: Record<string, LocalFlag> = {
  port: { takesValue: true, becomes: (v) => ['--dynamodb-port', v], help: '= --dynamodb-port' },
  inMemory: { takesValue: false, becomes: () => ['--in-memory'], help: '= --in-memory' },
  sharedDb: {
    takesValue: false,
    becomes: () => ['--isolation', 'shared'],
    help: '= --isolation shared (one namespace for every access key and region)',
  },
  dbPath: { takesValue: true, becomes: (v) => ['--data-dir', v], help: '= --data-dir' },
  cors: { takesValue: true, becomes: (v) => ['--cors', v], help: '= --cors (comma-separated origins, or *)' },
  delayTransientStatuses: {
    takesValue: false,
    becomes: () => ['--table-delay-ms', String(DELAY_TRANSIENT_STATUSES_MS)],
    help: `= --table-delay-ms ${DELAY_TRANSIENT_STATUSES_MS} (tables and indexes stay CREATING/UPDATING/DELETING a while)`,
  },
  optimizeDbBeforeStartup: {
    takesValue: false,
    becomes: () => [],
    note: '-optimizeDbBeforeStartup: accepted, nothing to do (LMDB needs no optimising before start)',
    help: 'accepted; nothing to do here',
  },
  disableTelemetry: {
    takesValue: false,
    becomes: () => [],
    note: '-disableTelemetry: accepted, nothing to do (ack-local sends no telemetry)',
    help: 'accepted; ack-local sends no telemetry',
  },
  help: { takesValue: false, becomes: () => ['--help'], help: '= --help' },
};

export interface TranslatedArgs {
  argv: string[];
  /** One line per accepted option that has no effect here. */
  notes: string[];
}

/** Rewrites DynamoDB Local's single-dash options into ours; everything else passes through untouched. */
export function translateDynamoDBLocalFlags(argv: readonly string[]): TranslatedArgs {
  const out: string[] = [];
  const notes: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const flag = /^-[A-Za-z]/.test(token) ? DYNAMODB_LOCAL_FLAGS[token.slice(1)] : undefined;
    if (!flag) {
      out.push(token);
      continue;
    }
    let value = '';
    if (flag.takesValue) {
      const next = argv[i + 1];
      if (next === undefined) throw new ConfigError(`${token} needs a value (${flag.help.replace(/^= /, 'as ')})`);
      value = next;
      i++;
    }
    out.push(...flag.becomes(value));
    if (flag.note) notes.push(flag.note);
  }
  return { argv: out, notes };
}

export function dynamodbLocalHelp(): string[] {
  return Object.entries(DYNAMODB_LOCAL_FLAGS).map(
    ([name, f]) => `  ${`-${name}${f.takesValue ? ' <value>' : ''}`.padEnd(34)} ${f.help}`,
  );
}
