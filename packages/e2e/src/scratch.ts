// Temporary directories that never outlive the test process. Harnesses remove their directories on close; a
// test that fails (or a harness whose start throws) may never get there, so every directory made here is also
// removed when the process exits, whatever the outcome. The removal is synchronous: 'exit' handlers run no I/O
// callbacks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pending = new Set<string>();
let hooked = false;

/** A fresh directory under the OS temp dir, removed at process exit at the latest. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  pending.add(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeAllScratch);
  }
  return dir;
}

/** Removes a scratch directory now (a harness's close). */
export function removeScratch(dir: string): void {
  pending.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

function removeAllScratch(): void {
  for (const dir of pending) rmSync(dir, { recursive: true, force: true });
  pending.clear();
}
