// Child process of internal-failure.test.ts: fills the data dir given as argv[2] (a 2 MB tmpfs the parent mounted)
// with PutItem until a write fails, reads an item back, prints what it saw as one JSON line, then waits to be killed.
// It runs apart because lmdb-js aborts the process ("munmap_chunk(): invalid pointer", "double free or corruption")
// when Node tears down an environment that hit ENOSPC: its native cleanup hook closes the environment at a normal
// exit, open or closed by the engine alike. The parent SIGKILLs this process, so that teardown never runs.
import { openEngine } from '../../src/index.js';
import { answerOperation } from '../../src/server/protocol.js';
import { logInternalFailure } from '../../src/server/internal-failure.js';

export interface FullDiskObservation {
  /** False when 5000 PutItems of 2 KB all succeeded (the disk never filled). */
  filled: boolean;
  putStatus?: number;
  putBody?: unknown;
  /** Some logged internal failure had cause ENOSPC. */
  enospcLogged: boolean;
  logMessages: string[];
  getStatus?: number;
}

const HEADERS = (target: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `DynamoDB_20120810.${target}`,
  authorization:
    'AWS4-HMAC-SHA256 Credential=a/20240101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20240101T000000Z',
});

async function main(dataDir: string): Promise<FullDiskObservation> {
  const engine = await openEngine({ dataDir, sync: 'never' });
  const lines: { object: Record<string, unknown>; message: string }[] = [];
  const log = { error: (object: object, message: string) => lines.push({ object: object as never, message }) };
  const call = (target: string, body: unknown) =>
    answerOperation(engine, HEADERS(target), JSON.stringify(body), (e) => logInternalFailure(log, e, dataDir));
  await call('CreateTable', {
    TableName: 'full',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  let failed: Awaited<ReturnType<typeof call>> | undefined;
  for (let i = 0; i < 5000 && !failed; i++) {
    const answer = await call('PutItem', {
      TableName: 'full',
      Item: { pk: { S: `k${i}` }, d: { S: 'x'.repeat(2000) } },
    });
    if (answer.status !== 200) failed = answer;
  }
  const enospcLogged = lines.some((l) => l.object.cause === 'ENOSPC');
  const logMessages = lines.map((l) => l.message);
  if (!failed) return { filled: false, enospcLogged, logMessages };
  const read = await call('GetItem', { TableName: 'full', Key: { pk: { S: 'k1' } } });
  return {
    filled: true,
    putStatus: failed.status,
    putBody: JSON.parse(String(failed.body)) as unknown,
    enospcLogged,
    logMessages,
    getStatus: read.status,
  };
}

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: full-disk-fixture.ts <data dir on a small tmpfs>');
const observation = await main(dataDir);
process.stdout.write(`${JSON.stringify(observation)}\n`);
// Stay alive (and keep the environment open) until the parent's SIGKILL.
setInterval(() => {}, 60_000);
