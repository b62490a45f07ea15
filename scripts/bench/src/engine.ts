// `scripts/bench/run --engine`: the workloads against the DynamoDB engine in this process, through the protocol
// layer (answerOperation: JSON parse, SigV4 scope, validation, the operation, serialisation, CRC32) without HTTP.
// Time spent inside answerOperation at concurrency 1 is what the engine costs per operation; the server's CPU per
// operation in the HTTP run minus this is what HTTP and the event loop add. Run under `node --cpu-prof` (the
// --cpu-prof-dir flag does it), it gives an engine profile free of socket noise.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerOperation, openEngine, type DynamoDBEngine, type SyncMode } from '@ack-local/dynamodb';
import { BenchClient, requestHeaders, type WireResponse } from './client.js';
import { runRound } from './loop.js';
import type { Workload } from './workloads.js';

/** A BenchClient that calls the engine in this process (also used by stream-trim.ts). */
export class EngineClient extends BenchClient {
  /** Wall time inside answerOperation since the last reset, and how many calls. */
  engineMs = 0;
  calls = 0;
  constructor(private readonly engine: DynamoDBEngine) {
    super();
  }

  async call(operation: string, payload: string | object): Promise<WireResponse> {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const t0 = performance.now();
    const answer = await answerOperation(this.engine, requestHeaders(operation), body, (e) => console.error(e));
    this.engineMs += performance.now() - t0;
    this.calls++;
    const parsed = JSON.parse(answer.body.toString('utf8'));
    answer.release?.(); // as the HTTP layer does once the bytes are sent: large bodies reuse their buffer
    return { status: answer.status, body: parsed };
  }

  reset() {
    this.engineMs = 0;
    this.calls = 0;
  }
}

export interface EngineRow {
  workload: string;
  usPerOp: number;
  ops: number;
  errors: number;
}

/** Engine µs/op for each workload, at concurrency 1, each on a fresh engine in a temporary data dir. */
export async function engineOnly(
  list: Workload[],
  opts: { durationMs: number; sync: SyncMode; cpuProfDir?: string; log: (s: string) => void },
): Promise<EngineRow[]> {
  const rows: EngineRow[] = [];
  for (const w of list) {
    let profiler: Awaited<ReturnType<typeof startProfile>> | undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
    const engine = await openEngine({ dataDir, sync: opts.sync, ttlSweepIntervalMs: 0 });
    try {
      const client = new EngineClient(engine);
      await w.setup(client);
      await runRound(client, w, {
        concurrency: 1,
        durationMs: Math.min(300, opts.durationMs),
        ceiling: false,
        offset: 7,
      }); // warm-up
      client.reset();
      if (opts.cpuProfDir) profiler = await startProfile(); // the measured round only, not setup
      const r = await runRound(client, w, {
        concurrency: 1,
        durationMs: opts.durationMs,
        ceiling: false,
        offset: 1_000_003,
      });
      const row = { workload: w.name, usPerOp: (client.engineMs * 1000) / client.calls, ops: r.ops, errors: r.errors };
      opts.log(
        `  ${w.name}: ${row.usPerOp.toFixed(1)} µs/op in the engine (${r.ops} ops, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ''})`,
      );
      rows.push(row);
    } finally {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (profiler) opts.log(`  profile: ${await profiler.stop(opts.cpuProfDir!, w.name)}`);
    }
  }
  return rows;
}

/** A V8 CPU profile of this process, as `node --cpu-prof` would write it. */
async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(dir: string, name: string): Promise<string> {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `engine-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
