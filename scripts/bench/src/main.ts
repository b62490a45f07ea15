// scripts/bench/run — ack-local against its peers, side by side, in one run.
// Targets run as separate processes on loopback; one undici client drives them all, alternating targets and
// repeating rounds so that drift on a shared machine hits all alike. Results go to bench/results/.
import { parseArgs } from 'node:util';
import type { SyncMode } from '@ack-local/dynamodb';
import { cpus, totalmem, hostname, release, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WireClient } from './client.js';
import {
  startAckLocal,
  startDynalite,
  startMoto,
  startCeiling,
  motoAvailable,
  rssMb,
  cpuMs,
  machineTicks,
  type Target,
} from './targets.js';
import { workloads, type Workload } from './workloads.js';
import { runRound, percentile, median } from './loop.js';
import { streamTrimBench } from './stream-trim.js';
import { scaling } from './scaling.js';
import { kubeBench } from './kube.js';
import { engineOnly } from './engine.js';
import { USAGE } from './usage.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    'duration-ms': { type: 'string' },
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    targets: { type: 'string' },
    workloads: { type: 'string' },
    'scan-items': { type: 'string' },
    scaling: { type: 'boolean' },
    'stream-trim': { type: 'boolean' },
    'scaling-items': { type: 'string' },
    'no-peers': { type: 'boolean' },
    kube: { type: 'boolean' },
    'cpu-prof-dir': { type: 'string' },
    sync: { type: 'string' },
    'ab-env': { type: 'string' },
    baseline: { type: 'string' },
    'no-sync': { type: 'boolean' },
    engine: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const quick = Boolean(args.quick);
const durationMs = Number(args['duration-ms'] ?? (quick ? 700 : 2000));
const rounds = Number(args.rounds ?? (quick ? 1 : 3));
const concurrencies = (args.concurrency ?? '1,32').split(',').map(Number);
const scanItems = Number(args['scan-items'] ?? (quick ? 2000 : 10000));
const wantTargets = args.targets?.split(',');
const WARM_UP_MS = Math.min(300, durationMs);
/** --sync always|never (--no-sync = never): a second ack-local target in that mode, or the engine's mode (--engine). */
const SYNC_MODES: readonly SyncMode[] = ['always', 'never', 'background'];
const syncMode = args['no-sync'] ? 'never' : (args.sync as SyncMode | undefined);
if (syncMode && !SYNC_MODES.includes(syncMode)) throw new Error(`--sync: ${SYNC_MODES.join(' | ')}, got ${syncMode}`);
const wantWorkloads = args.workloads?.split(',').map((s) => s.toLowerCase());

const machine = {
  date: new Date().toISOString(),
  host: hostname(),
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  kernel: release(),
  node: process.version,
  /** 1/5/15-minute load averages when the run started (2 cores: above 2 means others compete for the CPU). */
  loadAtStart: loadavg().map((x) => Number(x.toFixed(2))),
  loadAtEnd: [] as number[],
};

interface Row {
  workload: string;
  target: string;
  concurrency: number;
  /** Median of the rounds' rates. */
  opsPerSec: number;
  /** Each round's rate, in round order (twinCosts pairs rounds). */
  roundOpsPerSec?: number[];
  itemsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time per operation (µs): what a request costs, whatever else loads the machine. */
  cpuUsPerOp?: number;
  /** The benchmark client's own CPU time per operation (µs): sending, reading and validating the answer. */
  clientUsPerOp?: number;
  /** Share of the machine's CPU time (all cores) that was busy during the rounds: near 1, the cores bound the rate. */
  machineBusy?: number;
  firstError?: string;
}

const log = (s: string) => process.stdout.write(s + '\n');

async function startTargets(): Promise<Target[]> {
  const wanted = (name: string) =>
    !wantTargets || wantTargets.some((w) => name.toLowerCase().includes(w.toLowerCase()));
  const starters: [string, () => Promise<Target>][] = [
    ['ack-local', () => startAckLocal({ cpuProfDir: args['cpu-prof-dir'] })],
    ['fastify ceiling', startCeiling],
  ];
  // The default (background flush) is the headline; --sync always|never adds that mode as a labelled second target.
  if (syncMode && syncMode !== 'background')
    starters.splice(1, 0, [
      `ack-local (sync ${syncMode})`,
      () => startAckLocal({ sync: syncMode, cpuProfDir: args['cpu-prof-dir'] }),
    ]);
  // --ab-env NAME=VALUE: a second ack-local with that environment variable, alternated with the first in the same
  // rounds: an A/B comparison that machine drift cannot skew.
  if (args['ab-env']) {
    const [name, ...value] = args['ab-env'].split('=');
    starters.splice(1, 0, [
      `ack-local (${args['ab-env']})`,
      () => startAckLocal({ env: { [name!]: value.join('=') } }),
    ]);
  }
  // --baseline DIR: the ack-local bundle of another checkout (built there first), alternated with this one in the
  // same rounds: the before/after of a change, measured on one machine in one run.
  if (args.baseline) {
    const root = args.baseline;
    starters.splice(1, 0, ['ack-local (baseline)', () => startAckLocal({ root, name: 'ack-local (baseline)' })]);
  }
  if (!args['no-peers']) {
    starters.push(
      ['dynalite (memory)', () => startDynalite()],
      ['dynalite (--path)', () => startDynalite({ onDisk: true })],
    );
    const motoMissing = motoAvailable();
    if (motoMissing) log(`⚠ SKIPPED LOUDLY: moto (python3 -m moto.server): ${motoMissing}`);
    else starters.push(['moto', startMoto]);
  }
  const targets: Target[] = [];
  for (const [name, start] of starters) {
    if (!wanted(name)) continue;
    try {
      const t = await start();
      log(
        `started ${t.name.padEnd(20)} ${t.url}  ready in ${t.startupMs.toFixed(0)} ms, RSS ${rssMb(t.pid)?.toFixed(0) ?? '?'} MB`,
      );
      targets.push(t);
    } catch (e) {
      log(`⚠ ${name} failed to start: ${(e as Error).message}`);
    }
  }
  return targets;
}

/** One target running one workload. A workload's lanes take turns in every round: its targets, and for a workload
 *  with a Streams twin (Workload.pairWith) the twin on each target too, so both see the same machine and data dir. */
interface Lane {
  target: Target;
  workload: Workload;
}

async function benchLanes(all: Lane[], clients: Map<Target, WireClient>): Promise<Row[]> {
  const lanes: Lane[] = [];
  for (const lane of all) {
    const { target: t, workload: w } = lane;
    if (t.ceiling) {
      lanes.push(lane);
      continue;
    }
    try {
      const s0 = performance.now();
      await w.setup(clients.get(t)!);
      log(`  setup of ${w.name} on ${t.name}: ${(performance.now() - s0).toFixed(0)} ms`);
      lanes.push(lane);
    } catch (e) {
      log(`  ⚠ setup of ${w.name} failed on ${t.name}: ${(e as Error).message}`);
    }
  }
  // Unmeasured warm-up of every lane (JIT, page cache), as the engine and scaling runs do: without it the first
  // measured round of each workload carries each server's compilation of that code path in its p99.
  for (const { target: t, workload: w } of lanes)
    await runRound(clients.get(t)!, w, {
      concurrency: 8,
      durationMs: WARM_UP_MS,
      ceiling: Boolean(t.ceiling),
      offset: 500_000_003,
    });
  const rows: Row[] = [];
  for (const concurrency of concurrencies) {
    const perLane = new Map<Lane, Acc>();
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? [...lanes].reverse() : lanes; // alternate so drift hits all alike
      for (const lane of order) {
        const { target: t, workload: w } = lane;
        const cpu0 = cpuMs(t.pid);
        const client0 = process.cpuUsage();
        const machine0 = machineTicks();
        const res = await runRound(clients.get(t)!, w, {
          concurrency,
          durationMs,
          ceiling: Boolean(t.ceiling),
          offset: r * 1_000_003,
        });
        const machine1 = machineTicks();
        const client = process.cpuUsage(client0);
        const cpu1 = cpuMs(t.pid);
        const acc = perLane.get(lane) ?? {
          tput: [],
          items: [],
          lat: [],
          errors: 0,
          cpuMs: 0,
          clientUs: 0,
          busyTicks: 0,
          totalTicks: 0,
          ops: 0,
        };
        acc.cpuMs += cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : NaN;
        acc.clientUs += client.user + client.system;
        acc.busyTicks += machine0 && machine1 ? machine1.busy - machine0.busy : NaN;
        acc.totalTicks += machine0 && machine1 ? machine1.total - machine0.total : NaN;
        acc.ops += res.ops;
        acc.tput.push((res.ops / res.elapsedMs) * 1000);
        acc.items.push((res.items / res.elapsedMs) * 1000);
        for (const ms of res.latenciesMs) acc.lat.push(ms); // spread would overflow the stack on long rounds
        acc.errors += res.errors;
        acc.firstError ??= res.firstError;
        perLane.set(lane, acc);
      }
    }
    for (const lane of lanes) {
      const acc = perLane.get(lane)!;
      const lat = acc.lat.sort((a, b) => a - b);
      rows.push({
        workload: lane.workload.name,
        target: lane.target.name,
        concurrency,
        opsPerSec: median(acc.tput),
        roundOpsPerSec: acc.tput,
        itemsPerSec: median(acc.items),
        p50: percentile(lat, 50),
        p99: percentile(lat, 99),
        errors: acc.errors,
        cpuUsPerOp: acc.ops > 0 ? (acc.cpuMs * 1000) / acc.ops : undefined,
        clientUsPerOp: acc.ops > 0 ? acc.clientUs / acc.ops : undefined,
        machineBusy: acc.busyTicks / acc.totalTicks,
        firstError: acc.firstError,
      });
    }
  }
  return rows;
}

interface Acc {
  tput: number[];
  items: number[];
  lat: number[];
  errors: number;
  cpuMs: number;
  clientUs: number;
  busyTicks: number;
  totalTicks: number;
  ops: number;
  firstError?: string;
}

const fixed = (x: number | undefined, digits: number) =>
  x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : '';

function table(rows: Row[]): string {
  const out: string[] = [];
  const head =
    '| workload | target | conc | ops/s | items/s | p50 ms | p99 ms | CPU µs/op | client µs/op | busy % | errors | × dynalite | × ceiling |';
  out.push(head, '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const peer = rows.find(
      (x) => x.workload === r.workload && x.concurrency === r.concurrency && x.target === 'dynalite (memory)',
    );
    const ceil = rows.find(
      (x) => x.workload === r.workload && x.concurrency === r.concurrency && x.target === 'fastify ceiling',
    );
    const ratio = (x?: Row) => (x && x !== r && x.opsPerSec > 0 ? (r.opsPerSec / x.opsPerSec).toFixed(2) : '');
    const isItems = /Query|Scan|Batch/.test(r.workload);
    out.push(
      `| ${r.workload} | ${r.target} | ${r.concurrency} | ${r.opsPerSec.toFixed(0)} | ${isItems && r.target !== 'fastify ceiling' ? r.itemsPerSec.toFixed(0) : ''} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${fixed(r.cpuUsPerOp, 0)} | ${fixed(r.clientUsPerOp, 0)} | ${fixed(r.machineBusy !== undefined ? r.machineBusy * 100 : undefined, 0)} | ${r.errors}${r.firstError ? ` (${r.firstError.replace(/\|/g, '/').slice(0, 80)})` : ''} | ${ratio(peer)} | ${r.target === 'fastify ceiling' ? '' : ratio(ceil)} |`,
    );
  }
  return out.join('\n');
}

/** --engine: no servers; each workload against the engine in this process (see engine.ts). */
async function engineMain(): Promise<string> {
  log(
    `ack-local engine benchmark (in-process, no HTTP) — ${machine.cpu}, Node ${machine.node}; ${durationMs} ms per workload, concurrency 1`,
  );
  const list = workloads({ scanItems }).filter(
    (w) => !wantWorkloads || wantWorkloads.some((x) => w.name.toLowerCase().includes(x)),
  );
  const rows = await engineOnly(list, {
    durationMs,
    sync: syncMode ?? 'background',
    cpuProfDir: args['cpu-prof-dir'],
    log,
  });
  return [
    '## Engine only (in-process, concurrency 1)',
    '',
    'Wall time inside `answerOperation` (JSON parse, SigV4 scope, validation, the operation, serialisation, CRC32; no HTTP).',
    '',
    '| workload | engine µs/op | ops | errors |',
    '|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.workload} | ${r.usPerOp.toFixed(1)} | ${r.ops} | ${r.errors} |`),
  ].join('\n');
}

async function main() {
  if (args.engine) return writeReport([], [await engineMain()]);
  if (args['stream-trim']) return writeReport([], [await streamTrimBench(log)]);
  log(
    `ack-local benchmark — ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; ${rounds} round(s) × ${durationMs} ms per target, concurrency ${concurrencies.join('/')}`,
  );
  const targets = await startTargets();
  const clients = new Map(targets.map((t) => [t, new WireClient(t.url)]));
  const rows: Row[] = [];
  const sections: string[] = [];
  try {
    const wanted = (w: Workload) => !wantWorkloads || wantWorkloads.some((x) => w.name.toLowerCase().includes(x));
    const list = workloads({ scanItems }).filter(wanted);
    for (const w of list) {
      const twin = list.find((x) => x.pairWith === w.name);
      if (w.pairWith && list.some((x) => x.name === w.pairWith)) continue; // runs in its twin's rounds
      log(`\n▶ ${w.name}${twin ? ` and ${twin.name}, in the same rounds` : ''}`);
      const lanes = targets.flatMap((target) => [
        { target, workload: w },
        ...(twin && !target.ceiling ? [{ target, workload: twin }] : []),
      ]);
      const r = await benchLanes(lanes, clients);
      rows.push(...r);
      log(table(r));
      if (twin) sections.push(twinCosts(r, w, twin));
    }
    const idle = targets.map(
      (t) => `${t.name}: startup ${t.startupMs.toFixed(0)} ms, RSS now ${rssMb(t.pid)?.toFixed(0) ?? '?'} MB`,
    );
    sections.push('## Targets\n\n' + idle.map((s) => `- ${s}`).join('\n'));
  } finally {
    await Promise.all([...clients.values()].map((c) => c.close()));
    await Promise.all(targets.map((t) => t.stop()));
  }
  if (args.kube) sections.push(await kubeBench({ count: quick ? 200 : 1000, tables: quick ? 20 : 100, log }));
  if (args.scaling)
    sections.push(await scaling({ items: Number(args['scaling-items'] ?? (quick ? 100_000 : 1_000_000)), log }));
  writeReport(rows, sections);
}

/** What a twin workload costs over its plain one, per target and concurrency: from the median rates, from each
 *  round's pair (the two ran back to back, so they shared that moment's load: median and range), and from the
 *  server CPU per operation, the figure the machine's load moves least. */
function twinCosts(rows: Row[], plain: Workload, twin: Workload): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = rows
    .filter((r) => r.workload === twin.name)
    .map((r) => {
      const base = rows.find(
        (x) => x.workload === plain.name && x.target === r.target && x.concurrency === r.concurrency,
      );
      if (!base || base.opsPerSec <= 0) return `- ${r.target}, concurrency ${r.concurrency}: no plain twin`;
      const perRound = (r.roundOpsPerSec ?? [])
        .map((ops, i) => 1 - ops / (base.roundOpsPerSec?.[i] ?? NaN))
        .filter((c) => Number.isFinite(c))
        .sort((a, b) => a - b);
      const rounds = perRound.length
        ? `; per round median ${pct(median(perRound))} (${pct(perRound[0]!)} to ${pct(perRound.at(-1)!)})`
        : '';
      const cpu =
        r.cpuUsPerOp !== undefined && base.cpuUsPerOp
          ? `; server CPU/op ${base.cpuUsPerOp.toFixed(0)} → ${r.cpuUsPerOp.toFixed(0)} µs, +${pct(r.cpuUsPerOp / base.cpuUsPerOp - 1)}`
          : '';
      return (
        `- ${r.target}, concurrency ${r.concurrency}: ${base.opsPerSec.toFixed(0)} → ${r.opsPerSec.toFixed(0)} ops/s, ` +
        `cost ${pct(1 - r.opsPerSec / base.opsPerSec)}${rounds}${cpu}`
      );
    });
  const text = `## ${twin.name} against ${plain.name} (same rounds)\n\n${lines.join('\n')}`;
  log(text);
  return text;
}

function writeReport(rows: Row[], sections: string[]) {
  machine.loadAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  const report = [
    `# ack-local benchmark ${machine.date}`,
    '',
    `Machine: ${machine.host}, ${machine.cpu}, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}.`,
    `Load average (1/5/15 min): ${machine.loadAtStart.join(' / ')} at start, ${machine.loadAtEnd.join(' / ')} at end — the client and every server share these cores, so ops/s scale with what is left; CPU µs/op (server process CPU time per operation) does not. client µs/op is the benchmark client's own CPU per operation and busy % the share of all cores in use during the rounds: near 100 %, the rate is bound by server + client CPU together.`,
    args['stream-trim']
      ? 'Settings: --stream-trim, in this process, sync background.'
      : args.engine
        ? `Settings: --engine --sync ${syncMode ?? 'background'}, ${durationMs} ms per workload in this process, concurrency 1; scan table ${scanItems} items.`
        : `Settings: ${rounds} round(s) × ${durationMs} ms per target and concurrency, alternating targets, after a ${WARM_UP_MS} ms warm-up of each target per workload; concurrency ${concurrencies.join(', ')}; scan table ${scanItems} items.`,
    '',
    ...(rows.length ? ['## Workloads', '', table(rows), ''] : []),
    ...sections,
  ].join('\n');
  const dir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${machine.date.replace(/[:.]/g, '-')}-${machine.host}`);
  writeFileSync(`${base}.md`, report + '\n');
  writeFileSync(
    `${base}.json`,
    JSON.stringify({ machine, settings: { rounds, durationMs, concurrencies, scanItems }, rows }, null, 2),
  );
  log(`\nresults: ${base}.md`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
