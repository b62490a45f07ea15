// `scripts/bench/run --stream-trim`: DynamoDB Streams retention trimming in this process. 100,000 records are
// written in BatchWriteItem 25s to a table with a stream, the engine's clock moves 25 hours on, and one maintenance
// pass (maintainStreams) trims them while PutItems into another table run back to back: how long the trim takes,
// and how long the writes wait for its transactions (issue 17: "trimming runs in the background without stalling
// writes"). The same PutItems without a trim give the reference.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerOperation, maintainStreams, openEngine, type DynamoDBEngine } from '@ack-local/dynamodb';
import { requestHeaders } from './client.js';
import { percentile } from './loop.js';

const RECORDS = 100_000;
const BATCH = 25;
const HOUR = 3600 * 1000;

export async function streamTrimBench(log: (s: string) => void): Promise<string> {
  const clock = { now: Date.now() };
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-trim-'));
  const engine = await openEngine({ dataDir, now: () => clock.now, ttlSweepIntervalMs: 0, streamShardRollMs: 0 });
  try {
    await createTable(engine, 'trimmed', true);
    await createTable(engine, 'other', false);
    const t0 = performance.now();
    for (let b = 0; b < RECORDS / BATCH; b++) {
      const puts = Array.from({ length: BATCH }, (_, i) => ({
        PutRequest: { Item: { pk: { S: `k${b * BATCH + i}` }, v: { S: 'x'.repeat(100) } } },
      }));
      await call(engine, 'BatchWriteItem', { RequestItems: { trimmed: puts } });
    }
    log(`  wrote ${RECORDS} records in ${(performance.now() - t0).toFixed(0)} ms`);
    const quiet = await putsWhile(engine, new Promise((resolve) => setTimeout(resolve, 1000)));
    clock.now += 25 * HOUR;
    const trimStart = performance.now();
    let trimMs = 0;
    const during = await putsWhile(
      engine,
      maintainStreams(engine).then(() => (trimMs = performance.now() - trimStart)),
    );
    const lines = [
      '## Stream retention trimming (in-process)',
      '',
      `${RECORDS} records (BatchWriteItem ${BATCH}, 100-byte items, NEW_AND_OLD_IMAGES) trimmed by one maintenance pass ` +
        `in ${trimMs.toFixed(0)} ms. PutItems into another table, back to back:`,
      '',
      `- without a trim: ${summary(quiet)}`,
      `- during the trim: ${summary(during)}`,
    ];
    for (const line of lines) log(line);
    return lines.join('\n');
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function call(engine: DynamoDBEngine, operation: string, body: object) {
  const answer = await answerOperation(engine, requestHeaders(operation), JSON.stringify(body), (e) =>
    console.error(e),
  );
  answer.release?.();
  if (answer.status !== 200) throw new Error(`${operation} → ${answer.status} ${String(answer.body).slice(0, 300)}`);
}

function createTable(engine: DynamoDBEngine, name: string, stream: boolean) {
  return call(engine, 'CreateTable', {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    ...(stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
  });
}

/** PutItem latencies (ms, sorted) until `done` settles; each put yields to the event loop, as a socket would. */
async function putsWhile(engine: DynamoDBEngine, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.then(() => (finished = true));
  const latencies: number[] = [];
  for (let i = 0; !finished; i++) {
    const start = performance.now();
    await call(engine, 'PutItem', { TableName: 'other', Item: { pk: { S: `o${i}` } } });
    latencies.push(performance.now() - start);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return latencies.sort((a, b) => a - b);
}

const summary = (ms: number[]) =>
  ms.length === 0
    ? 'none'
    : `${ms.length} puts, median ${percentile(ms, 50).toFixed(2)} ms, p99 ${percentile(ms, 99).toFixed(2)} ms, ` +
      `max ${ms.at(-1)!.toFixed(2)} ms`;
