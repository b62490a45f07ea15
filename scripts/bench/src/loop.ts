// Closed-loop load: `concurrency` workers each send the next request as soon as the previous answer is read.
import type { BenchClient } from './client.js';
import type { Workload } from './workloads.js';

export interface RoundResult {
  ops: number;
  errors: number;
  items: number;
  elapsedMs: number;
  latenciesMs: number[];
  firstError?: string;
}

export async function runRound(
  client: BenchClient,
  workload: Workload,
  opts: { concurrency: number; durationMs: number; ceiling: boolean; offset: number },
): Promise<RoundResult> {
  const latencies: number[] = [];
  let ops = 0;
  let errors = 0;
  let items = 0;
  let firstError: string | undefined;
  let seq = opts.offset;
  const t0 = performance.now();
  const deadline = t0 + opts.durationMs;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) {
        const [op, body] = workload.request(seq++, client);
        const start = performance.now();
        try {
          const r = await client.call(op, body);
          latencies.push(performance.now() - start);
          if (opts.ceiling || workload.validate(r.status, r.body)) {
            ops++;
            items += workload.countItems ? (r.body.Count ?? 0) : (workload.itemsPerOp ?? 1);
          } else {
            errors++;
            firstError ??= `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
          }
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  return { ops, errors, items, elapsedMs: performance.now() - t0, latenciesMs: latencies, firstError };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
