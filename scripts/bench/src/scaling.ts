// ack-local alone: does the cost per returned item stay flat from 10k to 1M items? Plus start-up and memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { WireClient } from './client.js';
import { startAckLocal, rssMb, cpuMs, minorFaults, type Target } from './targets.js';
import { freePort } from './ports.js';
import { runRound, percentile, median } from './loop.js';
import type { Workload } from './workloads.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const PARTITION = 100;
const pad = (n: number) => String(n).padStart(8, '0');

async function load(client: WireClient, from: number, to: number): Promise<number> {
  const t0 = performance.now();
  let next = from;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < to) {
        const start = next;
        next = Math.min(to, next + 25);
        let req: any = {
          bench_scale: Array.from({ length: next - start }, (_, j) => {
            const i = start + j;
            return {
              PutRequest: {
                Item: {
                  pk: { S: `p${pad(Math.floor(i / PARTITION))}` },
                  sk: { N: String(i % PARTITION) },
                  v: { S: 'value ' + i },
                },
              },
            };
          }),
        };
        while (Object.keys(req).length)
          req = (await client.must('BatchWriteItem', { RequestItems: req })).UnprocessedItems ?? {};
      }
    }),
  );
  return ((to - from) / (performance.now() - t0)) * 1000;
}

function queryWorkload(items: number): Workload {
  const partitions = Math.floor(items / PARTITION);
  return {
    name: 'Query 50',
    unit: 'req',
    itemsPerOp: 50,
    setup: async () => {},
    request: (i) => [
      'Query',
      JSON.stringify({
        TableName: 'bench_scale',
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: {
          ':p': { S: `p${pad((i * 7919) % partitions)}` },
          ':a': { N: '10' },
          ':b': { N: '59' },
        },
      }),
    ],
    validate: (s, b) => s === 200 && b.Count === 50,
  };
}

function scanWorkload(items: number): Workload {
  const partitions = Math.floor(items / PARTITION);
  return {
    name: 'Scan page 1000',
    unit: 'page',
    countItems: true,
    setup: async () => {},
    request: (i) => [
      'Scan',
      JSON.stringify({
        TableName: 'bench_scale',
        Limit: 1000,
        ExclusiveStartKey: { pk: { S: `p${pad((i * 7919) % partitions)}` }, sk: { N: '0' } },
      }),
    ],
    validate: (s, b) => s === 200 && b.Count > 0,
  };
}

async function measure(client: WireClient, target: Target, items: number): Promise<string[]> {
  const lines: string[] = [];
  for (const w of [queryWorkload(items), scanWorkload(items)]) {
    // A short warm-up first (JIT, page cache), so that table size is the only difference between rows.
    await runRound(client, w, { concurrency: 32, durationMs: 500, ceiling: false, offset: 1 });
    // Server CPU per returned item is the flatness measure: wall-clock rates move with the machine's load.
    const cpu0 = cpuMs(target.pid) ?? NaN;
    const faults0 = minorFaults(target.pid) ?? NaN;
    const r = await runRound(client, w, { concurrency: 32, durationMs: 2000, ceiling: false, offset: 0 });
    const cpuUsPerItem = (((cpuMs(target.pid) ?? NaN) - cpu0) * 1000) / r.items;
    const faultsPerOp = ((minorFaults(target.pid) ?? NaN) - faults0) / r.ops;
    const lat = r.latenciesMs.sort((a, b) => a - b);
    const itemsPerSec = (r.items / r.elapsedMs) * 1000;
    lines.push(
      `| ${items.toLocaleString('en')} | ${w.name} | ${((r.ops / r.elapsedMs) * 1000).toFixed(0)} | ${itemsPerSec.toFixed(0)} | ${cpuUsPerItem.toFixed(2)} | ${faultsPerOp.toFixed(2)} | ${percentile(lat, 50).toFixed(2)} | ${percentile(lat, 99).toFixed(2)} | ${r.errors} |`,
    );
  }
  return lines;
}

/** Start-up of a fresh DynamoDB-only server, several times (one sample is mostly noise on a shared machine). */
async function startupSamples(n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = await startAckLocal();
    samples.push(t.startupMs);
    await t.stop();
  }
  return samples.sort((a, b) => a - b);
}

async function fullStackStartup(): Promise<number> {
  const [ddb, kube] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'bench-up-'));
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'packages/cli/bin/ack-local.mjs'),
      'up',
      '--dynamodb-port',
      String(ddb),
      '--kube-port',
      String(kube),
      '--data-dir',
      dir,
      '--log-level',
      'warn',
    ],
    { stdio: 'ignore' },
  );
  const ready = async (url: string) => {
    for (;;) {
      try {
        const r = await request(url, { method: 'GET' });
        await r.body.dump();
        if (r.statusCode === 200) return;
      } catch {
        /* not yet */
      }
      if (performance.now() - t0 > 30_000) throw new Error(`${url} not ready in 30 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    await Promise.all([ready(`http://127.0.0.1:${ddb}/`), ready(`http://127.0.0.1:${kube}/readyz`)]);
    return performance.now() - t0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function scaling(opts: { items: number; log: (s: string) => void }): Promise<string> {
  const { log } = opts;
  log(`\n▶ scaling: ack-local alone, 10,000 → ${opts.items.toLocaleString('en')} items`);
  const target = await startAckLocal();
  const client = new WireClient(target.url);
  const out: string[] = ['## ack-local scaling', ''];
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = rssMb(target.pid);
    await client.must('CreateTable', {
      TableName: 'bench_scale',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const rows = [
      '| items in table | workload | ops/s | items/s | server CPU µs per item | server page faults per op | p50 ms | p99 ms | errors |',
      '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
    ];
    const rate10k = await load(client, 0, 10_000);
    rows.push(...(await measure(client, target, 10_000)));
    log(rows.join('\n'));
    const rateBig = await load(client, 10_000, opts.items);
    log(
      `  loaded ${opts.items.toLocaleString('en')} items (BatchWriteItem, 16 concurrent): ${rateBig.toFixed(0)} items/s`,
    );
    const bigRows = await measure(client, target, opts.items);
    rows.push(...bigRows);
    log(bigRows.join('\n'));
    const loadedRss = rssMb(target.pid);
    const startups = await startupSamples(5);
    const upMs = await fullStackStartup();
    out.push(
      rows.join('\n'),
      '',
      `- Load rate (BatchWriteItem of 25, 16 concurrent): ${rate10k.toFixed(0)} items/s for the first 10k, ${rateBig.toFixed(0)} items/s up to ${opts.items.toLocaleString('en')}.`,
      `- Start-up to ready (process spawn to first ListTables answer, empty data dir): DynamoDB only median ${median(startups).toFixed(0)} ms of ${startups.map((x) => x.toFixed(0)).join(', ')}; full stack (\`up\`: DynamoDB + kube-apiserver + controller) ${upMs.toFixed(0)} ms.`,
      `- RSS: idle ${idleRss?.toFixed(0) ?? '?'} MB; after ${opts.items.toLocaleString('en')} items ${loadedRss?.toFixed(0) ?? '?'} MB (LMDB pages are memory-mapped and counted when touched).`,
    );
  } finally {
    await client.close();
    await target.stop();
  }
  return out.join('\n');
}
