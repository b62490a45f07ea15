#!/usr/bin/env node
// Runs every uvu test file (packages/*/test/**/*.test.ts) in its own Node process, a few at a time,
// and sums uvu's per-file totals into one closing line: "N passed, N failed".
// A file that crashes or exits non-zero without uvu totals counts as one failure, so nothing fails silently.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const typecheckFailed = args.some((a) => a === '--typecheck-failed=1');
const lintFailed = args.some((a) => a === '--lint-failed=1');
const lintRan = args.some((a) => a.startsWith('--lint-failed='));
const filters = args.filter((a) => !a.startsWith('--'));
// Most end-to-end files wait on child processes (kubectl, aws, servers) more than they compute: run more files
// than cores.
const concurrency = Number(process.env.TEST_CONCURRENCY ?? Math.max(2, availableParallelism() * 2));
const fileTimeoutMs = Number(process.env.TEST_FILE_TIMEOUT_MS ?? 300_000);

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = readdirSync(join(root, 'packages'))
  .flatMap((pkg) => {
    const dir = join(root, 'packages', pkg, 'test');
    try {
      return findTests(dir);
    } catch {
      return [];
    }
  })
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort()
  // Longest first (declared timeouts, then end-to-end files), so the run ends with the quick unit files.
  .map((f) => ({ f, weight: (timeoutFor(f) > fileTimeoutMs ? 2 : 0) + (f.includes('/e2e/') ? 1 : 0) }))
  .sort((a, b) => b.weight - a.weight)
  .map(({ f }) => f);

/** A test file may ask for more time than the default with a `// @test-timeout-seconds N` line (docker builds). */
function timeoutFor(file) {
  const m = /@test-timeout-seconds\s+(\d+)/.exec(readFileSync(file, 'utf8').slice(0, 4000));
  return m ? Number(m[1]) * 1000 : fileTimeoutMs;
}

/**
 * Each file gets its own TMPDIR, removed when the file's process has ended, however it ended: a failing test
 * that skips its cleanup, or a file SIGKILLed at its timeout, leaves nothing in /tmp. tsx keeps its transform
 * cache in TMPDIR/tsx-<uid>: that entry links to the shared one, so every file still starts warm.
 */
function fileTmpDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ack-test-'));
  const tsxCache = `tsx-${process.getuid?.() ?? 0}`;
  mkdirSync(join(tmpdir(), tsxCache), { recursive: true });
  symlinkSync(join(tmpdir(), tsxCache), join(dir, tsxCache));
  return dir;
}

function removeFileTmpDir(dir) {
  try {
    rmSync(dir, { recursive: true, force: true }); // does not follow the tsx symlink
    return '';
  } catch (error) {
    return `\n[run-tests] could not remove ${dir}: ${error.message}\n`; // e.g. a tmpfs still mounted
  }
}

function runFile(file) {
  const timeoutMs = timeoutFor(file);
  const tmp = fileTmpDir();
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--conditions=ack-local-source', '--import', 'tsx', file], {
      cwd: root,
      env: {
        ...process.env,
        TMPDIR: tmp,
        FORCE_COLOR: '0',
        NO_COLOR: '1',
        TEST_FILE_TIMEOUT_MS: String(timeoutMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[run-tests] timed out after ${timeoutMs} ms\n`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      output += removeFileTmpDir(tmp);
      const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? NaN);
      const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? NaN);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(output)?.[1] ?? 0);
      let p = 0,
        f = 0;
      if (Number.isFinite(total) && Number.isFinite(passed)) {
        p = passed;
        f = total - passed - skipped;
      }
      if (code !== 0 && f === 0) f = 1; // crashed, or failed outside a test
      resolve({ file, code, output, passed: p, failed: f, skipped, ms: Date.now() - started });
    });
  });
}

const results = [];
let next = 0;
async function worker() {
  while (next < files.length) {
    const file = files[next++];
    const r = await runFile(file);
    results.push(r);
    const rel = relative(root, file);
    const mark = r.failed ? 'FAIL' : 'ok  ';
    console.log(
      `${mark} ${rel}  (${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}, ${(r.ms / 1000).toFixed(1)}s)`,
    );
    if (r.failed || /SKIP(PED)? LOUDLY|⚠/.test(r.output)) process.stdout.write(indent(r.output));
  }
}
const indent = (s) =>
  s
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n') + '\n';

await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
let passed = results.reduce((n, r) => n + r.passed, 0);
let failed = results.reduce((n, r) => n + r.failed, 0);
if (typecheckFailed) {
  console.log('FAIL tsc type-check (see errors above)');
  failed += 1;
} else passed += 1; // the type-check counts as one test
if (lintFailed) {
  console.log('FAIL lint (eslint + prettier --check, see above)');
  failed += 1;
} else if (lintRan) passed += 1; // so does the lint
if (files.length === 0) {
  console.log('no test files found');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
