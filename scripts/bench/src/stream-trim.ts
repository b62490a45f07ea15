// `scripts/bench/run --stream-trim`: DynamoDB Streams retention trimming in this process. 100,000 records are
// written in BatchWriteItem 25s to a table with a stream, the engine's clock moves 25 hours on, and one maintenance
// pass (maintainStreams) trims them while PutItems into another table run back to back: how long the trim takes,
// and how long the writes wait for its transactions (issue 17: "trimming runs in the background without stalling
// writes"). The same PutItems without a trim give the reference.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maintainStreams, openEngine } from '@ack-local/dynamodb';
import { EngineClient } from './engine.js';
import { percentile } from './loop.js';
import { createTable, hashOnly, withStream } from './workloads.js';

const RECORDS = 100_000;
const BATCH = 25;
const HOUR = 3600 * 1000;

export async function streamTrimBench(log: (s: string) => void): Promise<string> {
  const clock = { now: Date.now() };
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-trim-'));
  const engine = await openEngine({ dataDir, now: () => clock.now, ttlSweepIntervalMs: 0, streamShardRollMs: 0 });
  const client = new EngineClient(engine);
  try {
    await createTable(client, withStream(hashOnly('trimmed')));
    await createTable(client, hashOnly('other'));
    const t0 = performance.now();
    // One batch at a time: one group commit, so one chunk, per 25 records.
    for (let b = 0; b < RECORDS / BATCH; b++) {
      const puts = Array.from({ length: BATCH }, (_, i) => ({
        PutRequest: { Item: { pk: { S: `k${b * BATCH + i}` }, v: { S: 'x'.repeat(100) } } },
      }));
      await client.must('BatchWriteItem', { RequestItems: { trimmed: puts } });
    }
    log(`  wrote ${RECORDS} records in ${(performance.now() - t0).toFixed(0)} ms`);
    const quiet = await putsWhile(client, new Promise((resolve) => setTimeout(resolve, 1000)));
    clock.now += 25 * HOUR;
    const trimStart = performance.now();
    let trimMs = 0;
    const during = await putsWhile(
      client,
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

/** PutItem latencies (ms, sorted) until `done` settles; each put yields to the event loop, as a socket would. */
async function putsWhile(client: EngineClient, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.then(() => (finished = true));
  const latencies: number[] = [];
  for (let i = 0; !finished; i++) {
    const start = performance.now();
    await client.must('PutItem', { TableName: 'other', Item: { pk: { S: `o${i}` } } });
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
