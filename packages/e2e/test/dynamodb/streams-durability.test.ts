// A stream record commits in the same LMDB transaction as its item change: the server (`ack-local dynamodb`) is
// killed with SIGKILL while writes are in flight, several times over, and after each restart every item in the table
// has exactly its INSERT record in the stream and no record lacks its item; the records read before a kill come
// back with the same sequence numbers, and every answered write is there.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { allRecords } from './streams-support.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cliArgs = ['--conditions=ack-local-source', '--import', 'tsx', join(repoRoot, 'packages/cli/src/main.ts')];
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function startServer(dataDir: string) {
  const child = spawn(
    process.execPath,
    [...cliArgs, 'dynamodb', '--data-dir', dataDir, '--dynamodb-port', '0', '--log-format', 'json'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const t0 = Date.now();
  for (;;) {
    const m = out.match(/DynamoDB ready at (http:\/\/\S+) /);
    if (m) {
      const options = { endpoint: m[1], region: 'us-west-2', credentials, maxAttempts: 1 };
      const client = new DynamoDBClient(options);
      const streams = new DynamoDBStreamsClient(options);
      const kill = async () => {
        child.kill('SIGKILL');
        await exited;
        client.destroy();
        streams.destroy();
      };
      return { client, streams, kill };
    }
    if (Date.now() - t0 > 60_000 || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ROUNDS = 3;

test('SIGKILL during writes never separates an item change from its stream record', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ack-streams-kill-'));
  try {
    let server = await startServer(dataDir);
    await server.client.send(
      new CreateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const arn = (await server.streams.send(new ListStreamsCommand({ TableName: 'orders' }))).Streams![0]!.StreamArn!;
    const answered = new Set<string>();
    let previous: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // 8 writers, each putting new items back to back; the kill lands after a varying number of answers.
      let stop = false;
      const killAfter = 40 + round * 37;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const pk = `r${round}-w${w}-${i}`;
          try {
            await server.client.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: pk } } }));
            answered.add(pk);
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      const before = answered.size;
      while (answered.size - before < killAfter) await new Promise((r) => setTimeout(r, 2));
      await server.kill();
      stop = true;
      await Promise.all(writers);

      server = await startServer(dataDir);
      const items = new Set<string>();
      let start: Record<string, never> | undefined;
      do {
        const page = await server.client.send(new ScanCommand({ TableName: 'orders', ExclusiveStartKey: start }));
        for (const item of page.Items!) items.add(item.pk!.S!);
        start = page.LastEvaluatedKey as typeof start;
      } while (start);
      const records = await allRecords(server.streams, arn);
      const recorded = records.map((r) => r.dynamodb!.Keys!.pk!.S!);
      assert.ok(
        records.every((r) => r.eventName === 'INSERT'),
        'only INSERTs were written',
      );
      assert.equal([...new Set(recorded)].sort(), [...items].sort(), `round ${round}: items and records differ`);
      assert.is(recorded.length, items.size, `round ${round}: one record per item`);
      for (const pk of answered) assert.ok(items.has(pk), `answered write ${pk} is lost`);
      const sequenceNumbers = records.map((r) => r.dynamodb!.SequenceNumber!);
      assert.equal(sequenceNumbers.slice(0, previous.length), previous, 'records keep their sequence numbers');
      previous = sequenceNumbers;
    }
    await server.kill();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.run();
