// Real client programs the end-to-end tests drive. Missing ones make a test skip LOUDLY, never pass silently.
import { spawnSync, spawn } from 'node:child_process';

export function hasCommand(cmd: string, args: string[] = ['--version']): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 });
  return r.status === 0;
}

export const hasBoto3 = (): boolean => hasCommand('python3', ['-c', 'import boto3']);

/** Prints the loud skip line the test runner surfaces. */
export function skipLoudly(what: string, why: string): void {
  console.log(`⚠ SKIPPED LOUDLY: ${what}: ${why}`);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a shell pipeline with exactly the given environment (no inheritance), like a workshop terminal. */
export function sh(
  script: string,
  env: Record<string, string>,
  options: { timeoutMs?: number; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], {
      env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
