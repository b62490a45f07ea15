// A failure inside ack-local answers as DynamoDB answers an internal failure (500 InternalServerError, "Internal
// server error") and logs its real cause in words. A full disk is injected two ways: an error with LMDB's errno
// 28 from the engine, and (where this process may mount one) a real 2 MB tmpfs that fills up, in a child process.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine } from '../../src/index.js';
import { answerOperation } from '../../src/server/protocol.js';
import { logInternalFailure } from '../../src/server/internal-failure.js';
import type { FullDiskObservation } from './full-disk-fixture.js';

const here = dirname(fileURLToPath(import.meta.url));

const HEADERS = (target: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': `DynamoDB_20120810.${target}`,
  authorization:
    'AWS4-HMAC-SHA256 Credential=a/20240101/us-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20240101T000000Z',
});

function recorder() {
  const lines: { object: Record<string, unknown>; message: string }[] = [];
  return { lines, error: (object: object, message: string) => lines.push({ object: object as never, message }) };
}

const INTERNAL = { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' };

test('an injected ENOSPC answers InternalServerError and logs the full disk with the data dir', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ack-enospc-'));
  const engine = await openEngine({ dataDir, sync: 'never' });
  try {
    engine.dispatchWire = () =>
      Promise.reject(Object.assign(new Error('No space left on device: Attempting to write page'), { code: 28 }));
    const log = recorder();
    const answer = await answerOperation(engine, HEADERS('ListTables'), '{}', (e) =>
      logInternalFailure(log, e, dataDir),
    );
    assert.is(answer.status, 500);
    assert.equal(JSON.parse(String(answer.body)), INTERNAL);
    assert.is(log.lines.length, 1);
    assert.is(log.lines[0]!.object.cause, 'ENOSPC');
    assert.match(log.lines[0]!.message, `the disk holding ${dataDir} is full (ENOSPC)`);
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('other failures are logged with their message', () => {
  const log = recorder();
  logInternalFailure(log, Object.assign(new Error('Input/output error'), { code: 5 }), '/d');
  logInternalFailure(log, new TypeError('boom'), '/d');
  assert.equal(
    log.lines.map((l) => l.message),
    ['DynamoDB: input/output error (EIO) on /d', 'DynamoDB: internal error: boom'],
  );
});

test('a real full tmpfs: writes answer InternalServerError, the log names ENOSPC, reads still work', async () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'ack-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  } catch {
    rmSync(mountPoint, { recursive: true, force: true });
    console.log('⚠ SKIPPED LOUDLY: full-disk test on a real tmpfs: this process may not mount one (needs root)');
    return;
  }
  // lmdb-js aborts a process whose environment hit ENOSPC when Node tears it down at exit, so the disk fills in a
  // child process (full-disk-fixture.ts) that reports what it saw as one JSON line and is then SIGKILLed.
  const child = spawn(
    process.execPath,
    ['--conditions=ack-local-source', '--import', 'tsx', join(here, 'full-disk-fixture.ts'), mountPoint],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const seen = await firstLine(child, 60_000);
    assert.ok(seen.filled, 'the 2 MB tmpfs filled up');
    assert.is(seen.putStatus, 500);
    assert.equal(seen.putBody, INTERNAL);
    assert.ok(seen.enospcLogged, JSON.stringify(seen.logMessages));
    assert.is(seen.getStatus, 200);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

/** The fixture's JSON line; rejects with its stderr if it exits (or takes longer than timeoutMs) before printing. */
function firstLine(child: ChildProcess, timeoutMs: number): Promise<FullDiskObservation> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`full-disk fixture printed nothing in ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout.slice(0, newline)) as FullDiskObservation);
      } catch (error) {
        reject(error as Error);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`full-disk fixture exited (${code ?? signal}) before reporting: ${stdout}${stderr}`));
    });
  });
}

test.run();
