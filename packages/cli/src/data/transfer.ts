// `ack-local export` and `ack-local import`: dump and restore one table as DynamoDB JSON lines over the wire
// protocol, so they work against a running ack-local (or any DynamoDB-compatible endpoint).
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createHttpDynamoDBClient, DynamoDBCallError } from '@ack-local/controller';
import { ConfigError, StartupError } from '../errors.js';
import { createTableInput, type Target } from './dynamodb-json.js';
import { seedDump } from './seed.js';
import { Progress } from './progress.js';

function connection(argv: string[], extra: Record<string, { type: 'string' | 'boolean' }>) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { endpoint: { type: 'string' }, region: { type: 'string' }, 'account-id': { type: 'string' }, ...extra },
  });
  const endpoint =
    (values.endpoint as string | undefined) ??
    process.env.AWS_ENDPOINT_URL_DYNAMODB ??
    process.env.AWS_ENDPOINT_URL ??
    'http://127.0.0.1:8000';
  const target: Target = {
    region:
      (values.region as string | undefined) ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-west-2',
    accountId: (values['account-id'] as string | undefined) ?? '000000000000',
  };
  return {
    client: createHttpDynamoDBClient({ endpoint }),
    endpoint,
    target,
    values: values as Record<string, string | boolean | undefined>,
    positionals,
  };
}

export async function exportTable(argv: string[]): Promise<void> {
  const { client, endpoint, target, values } = connection(argv, { table: { type: 'string' }, out: { type: 'string' } });
  const table = values.table as string | undefined;
  if (!table) throw new ConfigError('export needs --table NAME');
  const described = await client
    .call<any>('DescribeTable', { TableName: table }, target)
    .catch((e) => Promise.reject(oneLine('export', e, endpoint, target.region, table)));
  const out = values.out ? createWriteStream(values.out as string) : process.stdout;
  const write = async (line: string) => {
    if (!out.write(line + '\n')) await once(out, 'drain');
  };
  await write(JSON.stringify({ Table: createTableInput(described) }));
  const progress = new Progress(`exporting ${table}`, described.Table.ItemCount ?? 0);
  let count = 0;
  let ExclusiveStartKey: unknown;
  do {
    const page = await client.call<any>(
      'Scan',
      { TableName: table, ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}) },
      target,
    );
    for (const Item of page.Items) await write(JSON.stringify({ Item }));
    count += page.Items.length;
    if (values.out) progress.update(count);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  if (values.out) {
    progress.done(count);
    (out as ReturnType<typeof createWriteStream>).end();
    await once(out, 'finish');
  }
  process.stderr.write(`exported ${count} item(s) of ${table}${values.out ? ` to ${values.out}` : ''}\n`);
}

export async function importTable(argv: string[]): Promise<void> {
  const { client, endpoint, target, values, positionals } = connection(argv, { table: { type: 'string' } });
  const file = positionals[0];
  if (!file) throw new ConfigError('import needs a FILE written by `ack-local export`');
  await client
    .call('ListTables', { Limit: 1 }, target)
    .catch((e) => Promise.reject(oneLine('import', e, endpoint, target.region)));
  const count = await seedDump(
    await readFile(file, 'utf8'),
    file,
    {
      dynamodb: client,
      kube: undefined as never, // dumps hold no manifests
      target,
      log: (m) => process.stderr.write(m + '\n'),
    },
    values.table as string | undefined,
  );
  process.stderr.write(`imported ${count} item(s)\n`);
}

/** The failures a user can fix, as one line: nothing listening there, or no such table. Others pass through. */
function oneLine(command: string, e: unknown, endpoint: string, region: string, table?: string): unknown {
  const code = (e as { code?: string; cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return new StartupError(`${command}: nothing answers at ${endpoint}; start ack-local, or point --endpoint at it`);
  if (e instanceof DynamoDBCallError && e.code === 'ResourceNotFoundException' && table)
    return new StartupError(
      `${command}: no table ${table} at ${endpoint} (region ${region}); \`aws dynamodb list-tables\` lists those there`,
    );
  return e;
}
