// Start-up failures a user can fix are one line on stderr (`ack-local: what, where, what to do`), exit 1, and
// leave nothing half-started: no "ready" line, no port held, no kubeconfig rewritten.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipLoudly } from '../../src/tools.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const node = ['--conditions=ack-local-source', '--import', 'tsx', join(repoRoot, 'packages/cli/src/main.ts')];
const dir = mkdtempSync(join(tmpdir(), 'ack-local-startup-'));
const running: ChildProcess[] = [];
const cleanups: (() => void)[] = [];

test.after(() => {
  for (const child of running) child.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI to its end (failures must end by themselves). */
function run(args: string[]) {
  const r = spawnSync(process.execPath, [...node, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one-line contract: exactly one non-empty stderr line, starting `ack-local: `, and no ready line. */
function assertOneLine(r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp) {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.is(lines.length, 1, `stderr:\n${r.stderr}`);
  assert.match(lines[0]!, /^ack-local: /);
  assert.match(lines[0]!, pattern);
  assert.is(r.status, 1, r.stderr);
  assert.not.match(r.stdout + r.stderr, /ready at|is up/);
}

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return { port: (server.address() as { port: number }).port, server };
}

async function startInBackground(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const ready = args[0] === 'up' ? /ack-local is up/ : /DynamoDB ready at/;
  const child = spawn(process.execPath, [...node, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const t0 = Date.now();
  while (!ready.test(out)) {
    if (child.exitCode !== null || Date.now() - t0 > 120_000) throw new Error(`did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, output: () => out };
}

test('up with the kube port taken: one line naming the port and the flag; DynamoDB never said ready', async () => {
  const { port } = await occupiedPort();
  const dataDir = join(dir, 'kube-port');
  const r = run(['up', '--data-dir', dataDir, '--dynamodb-port', '0', '--kube-port', String(port)]);
  assertOneLine(
    r,
    new RegExp(`kube-apiserver port ${port} on 127\\.0\\.0\\.1 is already in use; pick another with --kube-port`),
  );
  assert.not.ok(existsSync(join(dataDir, 'kubeconfig')), 'no kubeconfig written');
  assert.not.ok(existsSync(join(dataDir, 'ack-local.pid')), 'the data dir is released');
});

test('dynamodb with its port taken: one line', async () => {
  const { port } = await occupiedPort();
  const r = run(['dynamodb', '--in-memory', '-port', String(port)]);
  assertOneLine(
    r,
    new RegExp(`DynamoDB port ${port} on 127\\.0\\.0\\.1 is already in use; pick another with --dynamodb-port`),
  );
});

test('a read-only data dir: one line saying what and where', () => {
  const readOnly = join(dir, 'read-only');
  mkdirSync(readOnly);
  if (process.getuid?.() === 0) {
    // root writes through file modes: a read-only mount is the only way to refuse it.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', readOnly], { encoding: 'utf8' });
    if (mounted.status !== 0) return skipLoudly('read-only data dir as root', `mount failed: ${mounted.stderr.trim()}`);
    cleanups.push(() => spawnSync('umount', [readOnly]));
  } else {
    chmodSync(readOnly, 0o555);
    cleanups.push(() => chmodSync(readOnly, 0o755));
  }
  const target = join(readOnly, 'data');
  const r = run(['dynamodb', '--data-dir', target, '--dynamodb-port', '0']);
  assertOneLine(r, new RegExp(`data dir ${target} is not writable \\((EROFS|EACCES)[^)]*\\); choose a writable one`));
  const up = run(['up', '--data-dir', target, '--dynamodb-port', '0', '--kube-port', '0']);
  assertOneLine(up, /is not writable/);
});

test("a second instance on a running one's data dir refuses, naming the data dir and the running instance", async () => {
  const dataDir = join(dir, 'shared');
  const first = await startInBackground(['up', '--data-dir', dataDir, '--dynamodb-port', '0', '--kube-port', '0']);
  const kubeconfigBefore = readFileSync(join(dataDir, 'kubeconfig'), 'utf8');
  for (const args of [
    ['up', '--data-dir', dataDir, '--dynamodb-port', '0', '--kube-port', '0'],
    ['dynamodb', '-dbPath', dataDir, '-port', '0'],
  ]) {
    const second = run(args);
    assertOneLine(
      second,
      new RegExp(
        `data dir ${dataDir} is in use by another ack-local \\(pid ${first.child.pid}, DynamoDB http://127\\.0\\.0\\.1:\\d+, kube http://127\\.0\\.0\\.1:\\d+`,
      ),
    );
  }
  assert.is(
    readFileSync(join(dataDir, 'kubeconfig'), 'utf8'),
    kubeconfigBefore,
    'the kubeconfig still points at the first',
  );
  // Once the first one stops, the data dir is free again; after a kill -9 its leftover claim is taken over.
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  const again = await startInBackground(['dynamodb', '--data-dir', dataDir, '--dynamodb-port', '0']);
  assert.match(again.output(), /DynamoDB ready at/);
  again.child.kill('SIGTERM');
});

test('export of a missing table and export with nothing listening: one line each', async () => {
  const server = await startInBackground(['dynamodb', '--in-memory', '--dynamodb-port', '0']);
  const endpoint = server.output().match(/DynamoDB ready at (http:\/\/\S+)/)![1]!;
  const missing = run(['export', '--table', 'nope', '--endpoint', endpoint]);
  assertOneLine(missing, new RegExp(`export: no table nope at ${endpoint} \\(region us-west-2\\)`));
  const { port, server: closed } = await occupiedPort();
  closed.close();
  const nobody = run(['export', '--table', 'x', '--endpoint', `http://127.0.0.1:${port}`]);
  assertOneLine(nobody, /export: nothing answers at http:\/\/127\.0\.0\.1:\d+; start ack-local/);
  server.child.kill('SIGTERM');
});

test('dynamodb --print-env prints the AWS variables (no KUBECONFIG) and starts no server', () => {
  const r = run(['dynamodb', '--print-env', '-port', '8123']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^export AWS_ENDPOINT_URL_DYNAMODB=http:\/\/127\.0\.0\.1:8123$/m);
  assert.match(r.stdout, /^export AWS_DEFAULT_REGION=us-west-2$/m);
  assert.not.match(r.stdout, /KUBECONFIG|AWS_ENDPOINT_URL=/);
  assert.not.match(r.stdout + r.stderr, /ready at/);
});

test.run();
