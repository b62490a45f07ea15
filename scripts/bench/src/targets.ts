// The servers under test, each in its own process on a loopback port, stopped at the end whatever happens.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncMode } from '@ack-local/dynamodb';
import { freePort } from './ports.js';
import { WireClient } from './client.js';

export interface Target {
  name: string;
  url: string;
  /** The ceiling answers everything with a fixed body: no validation of results. */
  ceiling?: boolean;
  pid: number;
  startupMs: number;
  stop(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const started: ChildProcess[] = [];

function killAll() {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });

async function waitReady(url: string, child: ChildProcess, started: number, timeoutMs = 60_000): Promise<number> {
  const client = new WireClient(url, 1);
  try {
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
      try {
        const r = await client.call('ListTables', {});
        if (r.status === 200) return performance.now() - started;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`${url}: not ready after ${timeoutMs} ms`);
  } finally {
    await client.close();
  }
}

async function launch(
  name: string,
  cmd: string,
  args: string[],
  port: number,
  opts: { ceiling?: boolean; cleanup?: () => void; env?: NodeJS.ProcessEnv } = {},
): Promise<Target> {
  const t0 = performance.now();
  const child = spawn(cmd, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  started.push(child);
  const url = `http://127.0.0.1:${port}`;
  let startupMs: number;
  try {
    startupMs = await waitReady(url, child, t0);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not start: ${(e as Error).message}\n${stderr}`);
  }
  return {
    name,
    url,
    ceiling: opts.ceiling,
    pid: child.pid!,
    startupMs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      opts.cleanup?.();
    },
  };
}

export async function startAckLocal(
  options: {
    sync?: Exclude<SyncMode, 'background'>;
    cpuProfDir?: string;
    env?: Record<string, string>;
    /** Another checkout's built bundle (--baseline): the same workloads against older code, in the same rounds. */
    root?: string;
    name?: string;
  } = {},
): Promise<Target> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ack-local-'));
  // --cpu-prof writes its profile when the server exits on SIGTERM (the CLI shuts down cleanly).
  const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  // Profiles run the per-file tsc output rather than the bundle, so that samples name their source module.
  const entry = options.cpuProfDir ? 'packages/cli/dist/main.js' : 'packages/cli/bin/ack-local.mjs';
  const args = [
    ...profile,
    join(options.root ?? repoRoot, entry),
    'dynamodb',
    '--dynamodb-port',
    String(port),
    '--data-dir',
    dataDir,
    '--log-level',
    'warn',
    '--log-format',
    'json',
  ];
  if (options.sync) args.push('--sync', options.sync);
  const variant = [
    options.sync && `sync ${options.sync}`,
    ...Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`),
  ].filter(Boolean);
  const name = options.name ?? (variant.length ? `ack-local (${variant.join(', ')})` : 'ack-local');
  return launch(name, process.execPath, args, port, {
    env: options.env,
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  });
}

export async function startDynalite(options: { onDisk?: boolean } = {}): Promise<Target> {
  const port = await freePort();
  const cli = join(dirname(require.resolve('dynalite/package.json')), 'cli.js');
  const args = [cli, '--port', String(port)];
  let cleanup: (() => void) | undefined;
  if (options.onDisk) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-dynalite-'));
    args.push('--path', dir);
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  return launch(options.onDisk ? 'dynalite (--path)' : 'dynalite (memory)', process.execPath, args, port, { cleanup });
}

export function motoAvailable(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import moto.server, flask'], { stdio: 'pipe' });
  return r.status === 0
    ? undefined
    : (r.stderr.toString().trim().split('\n').pop() ?? 'python3 -m moto.server unavailable');
}

export async function startMoto(): Promise<Target> {
  const port = await freePort();
  return launch('moto', 'python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], port, {
    env: { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_DEFAULT_REGION: 'us-east-1' },
  });
}

/** A bare fastify server answering every POST with a fixed small JSON: Node's HTTP ceiling on this machine. */
export async function startCeiling(): Promise<Target> {
  const port = await freePort();
  return launch(
    'fastify ceiling',
    process.execPath,
    [join(repoRoot, 'scripts/bench/src/ceiling.mjs'), String(port)],
    port,
    { ceiling: true },
  );
}

/** Resident set size of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
/** CPU time (user + system) a process has used so far, in ms (Linux /proc). Load-independent cost measure. */
export function cpuMs(pid: number): number | undefined {
  const fields = procStat(pid);
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Minor page faults of a process so far (Linux): on VMs each costs ~20 µs, and first touches of mapped pages
 *  (a table's LMDB pages, fresh heap) show up here. */
export function minorFaults(pid: number): number | undefined {
  const fields = procStat(pid);
  return fields && Number(fields[7]);
}

/** CPU time of the whole machine so far (Linux /proc/stat, in ticks): busy (all but idle and iowait) and total.
 *  The client and every server share the machine's cores: a round at ~100 % busy is bound by the sum of their
 *  CPU per operation, not by any one of them. */
export function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal; guest time is inside user
    const idle = ticks[3]! + ticks[4]!;
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** /proc/<pid>/stat fields after the command name (field 3 onwards), or undefined off Linux. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
