// Runs the real kubectl (the gcloud dispatcher on PATH picks kubectl.1.<minor> from the server's /version)
// against a test apiserver: fresh HOME (its discovery cache lives there), the harness kubeconfig, a timeout,
// stdout/stderr/exit code captured. Long-running commands (get -w, wait, delete) run in the background.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export interface KubectlResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface KubectlTarget {
  kubeconfigPath: string;
  /** A per-server HOME so kubectl's ~/.kube/cache never leaks between tests. */
  home: string;
}

export interface KubectlRunOptions {
  stdin?: string;
  timeoutMs?: number;
  cwd?: string;
  env?: Record<string, string>;
}

/** kubectl present on PATH (and runnable)? Tests skip LOUDLY otherwise. */
export function kubectlAvailable(): boolean {
  if (process.env.KUBECTL === undefined && !existsSync('/usr/bin/kubectl')) {
    const which = spawnSync('sh', ['-c', `command -v ${KUBECTL}`], { stdio: 'ignore' });
    if (which.status !== 0) return false;
  }
  const r = spawnSync(KUBECTL, ['version', '--client', '-o', 'json'], {
    stdio: 'ignore',
    timeout: 30_000,
    env: { ...process.env, HOME: process.env.HOME ?? '/tmp' },
  });
  return r.status === 0;
}

function environment(target: KubectlTarget, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: target.home,
    KUBECONFIG: target.kubeconfigPath,
    // stable, uncoloured output
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface BackgroundKubectl {
  readonly child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches (or rejects after timeoutMs with the output so far). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process exits (killing it after timeoutMs). */
  done(timeoutMs?: number): Promise<KubectlResult>;
  /** SIGTERM, then the result. */
  stop(): Promise<KubectlResult>;
  readonly exited: boolean;
}

export function startKubectl(
  target: KubectlTarget,
  args: string[],
  options: KubectlRunOptions = {},
): BackgroundKubectl {
  const child = spawn(KUBECTL, args, {
    env: environment(target, options.env),
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let result: KubectlResult | undefined;
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (d) => {
    out += d;
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (d) => {
    err += d;
    for (const w of waiters) w();
  });
  const finished = new Promise<KubectlResult>((resolve) => {
    child.on('close', (code, signal) => {
      result = { code, signal, stdout: out, stderr: err };
      for (const w of waiters) w();
      resolve(result);
    });
  });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  else child.stdin!.end();

  const handle: BackgroundKubectl = {
    child,
    stdout: () => out,
    stderr: () => err,
    get exited() {
      return result !== undefined;
    },
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            cleanup();
            resolve(out);
            return;
          }
          if (result) {
            cleanup();
            reject(
              new Error(
                `kubectl ${args.join(' ')} exited (${result.code}) before printing ${pattern}\nstdout: ${out}\nstderr: ${err}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `timed out waiting for ${pattern} from kubectl ${args.join(' ')}\nstdout: ${out}\nstderr: ${err}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async done(timeoutMs = 60_000) {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await finished;
      } finally {
        clearTimeout(timer);
      }
    },
    async stop() {
      if (!result) child.kill('SIGTERM');
      return handle.done(10_000);
    },
  };
  return handle;
}

/** Runs kubectl to completion (killed after timeoutMs, default 60 s). */
export function runKubectl(
  target: KubectlTarget,
  args: string[],
  options: KubectlRunOptions = {},
): Promise<KubectlResult> {
  return startKubectl(target, args, options).done(options.timeoutMs ?? 60_000);
}

/** A kubectl bound to one server: `k(['get', 'ns'])`. */
export function kubectlFor(target: KubectlTarget): ((
  args: string[],
  options?: KubectlRunOptions,
) => Promise<KubectlResult>) & {
  start(args: string[], options?: KubectlRunOptions): BackgroundKubectl;
} {
  const run = (args: string[], options?: KubectlRunOptions) => runKubectl(target, args, options);
  return Object.assign(run, {
    start: (args: string[], options?: KubectlRunOptions) => startKubectl(target, args, options),
  });
}
